// TEMPORARY: dumps rendered pages for a visual check; deleted before hand-over.
using System.Net;
using ReviewFlow.Functions.Tests.Web.Support;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Links;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Actions.Define;

public sealed class ZzDumpA(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task Dump()
    {
        var s = fixture.Service;
        await CyclePaths.StartAsync(s, "priya");
        var link = (await CyclePaths.LinksAsync(s, "priya", EmailTemplates.DefineRequest, "mark@example.test")).Single();
        using var c = s.NewClient();
        var p = await PageSession.OpenAsync(c, link);
        await Save("define", p.Html);
        var (_, refused) = await p.PostAsync(("target.revenue", "-5"), ("target.newConversationsPerWeek", "<b>x</b>"), ("target.dealsWon", "3"));
        await Save("define-refused", refused);
        await CyclePaths.StartAsync(s, "paul");
        await CyclePaths.DefineAsync(s, "paul", new Dictionary<string, double> { ["revenue"] = 90000, ["newConversationsPerWeek"] = 10, ["proposalTurnaroundDays"] = 3 });
        await CyclePaths.CounterAsync(s, "paul", new Dictionary<string, double> { ["revenue"] = 80000, ["proposalTurnaroundDays"] = 4 }, "Two accounts moved to <b>another</b> team.\nAnd the new product launches late.");
        var cl = (await CyclePaths.LinksAsync(s, "paul", EmailTemplates.CounterProposal, "mark@example.test")).Single();
        var cp = await PageSession.OpenAsync(c, cl);
        await Save("counter", cp.Html);
        var (_, cr) = await cp.PostAsync(("decision", "revise"), ("target.revenue", "85000"), ("target.newConversationsPerWeek", "10"), ("target.proposalTurnaroundDays", "3"), ("reason", ""));
        await Save("counter-refused", cr);
        var (_, thanks) = await cp.PostAsync(("decision", "accept"));
        await Save("counter-thanks", thanks);
        var (st, big) = await cp.PostAsync(("decision", "keep"), ("reply", new string('x', 5000)));
        await File.WriteAllTextAsync("/tmp/rf-pages/oversized.txt", $"{(int)st} {big}");
        var css = await c.GetStringAsync("/assets/site.css");
        await File.WriteAllTextAsync("/tmp/rf-pages/site.css", css);
    }

    internal static Task Save(string name, string html) =>
        File.WriteAllTextAsync($"/tmp/rf-pages/{name}.html", html.Replace("href=\"/assets/site.css\"", "href=\"site.css\""));
}

public sealed class ZzDumpB(Actions.CheckIn.SecondCheckInFixture fixture) : IClassFixture<Actions.CheckIn.SecondCheckInFixture>
{
    [Fact]
    public async Task Dump()
    {
        var s = fixture.Service;
        using var c = s.NewClient();
        var p = await PageSession.OpenAsync(c, (await CyclePaths.LinksAsync(s, "cara", EmailTemplates.CheckInRequest, "cara@example.test", 2)).Single());
        await ZzDumpA.Save("checkin", p.Html);
        var (_, r) = await p.PostAsync(("week.3.revenue", "abc"), ("week.4.revenue", "-1"), ("working", "<script>x</script>"));
        await ZzDumpA.Save("checkin-refused", r);
    }
}

public sealed class ZzDumpC(Actions.Coaching.AfterCoachingFixture fixture) : IClassFixture<Actions.Coaching.AfterCoachingFixture>
{
    [Fact]
    public async Task Dump()
    {
        var s = fixture.Service;
        using var c = s.NewClient();
        var p = await PageSession.OpenAsync(c, (await CyclePaths.LinksAsync(s, fixture.Hostile, EmailTemplates.CoachingPrompts, "mark@example.test")).Single());
        await ZzDumpA.Save("coaching", p.Html);
        var (_, r) = await p.PostAsync(("action.1", "x"));
        await ZzDumpA.Save("coaching-refused", r);
        var later = await PageSession.OpenAsync(c, (await CyclePaths.LinksAsync(s, fixture.Later, EmailTemplates.CoachingPrompts, "mark@example.test")).Single());
        await ZzDumpA.Save("coaching-notyet", later.Html);
        var reflection = await PageSession.OpenAsync(c, CyclePaths.FreshLink(s, fixture.Later, ActionNames.Reflection, fixture.Later));
        await ZzDumpA.Save("reflection-closed", reflection.Html);
    }
}

public sealed class ZzDumpD(Actions.Reflection.CoachingOpenFixture fixture) : IClassFixture<Actions.Reflection.CoachingOpenFixture>
{
    [Fact]
    public async Task Dump()
    {
        var s = fixture.Service;
        using var c = s.NewClient();
        var p = await PageSession.OpenAsync(c, (await CyclePaths.LinksAsync(s, "rory", EmailTemplates.ReflectionRequest, "rory@example.test")).Single());
        await ZzDumpA.Save("reflection", p.Html);
        var (_, t) = await p.PostAsync(("answer.1", "fine"));
        await ZzDumpA.Save("reflection-thanks", t);
    }
}
