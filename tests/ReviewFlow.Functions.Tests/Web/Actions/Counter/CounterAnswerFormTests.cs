using System.Net;
using ReviewFlow.Functions.Tests.Web.Support;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Links;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Actions.Counter;

/// <summary>The manager's answer to a counter-proposal against the running service: the diff, the three answers, single use, hostile input.</summary>
public sealed class CounterAnswerFormTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const string Manager = "mark@example.test";

    /// <summary>The seller's reason carries markup: every page must show it as text.</summary>
    private const string SellerReason = "<script>alert('x')</script> Two accounts moved to another team.";

    /// <summary>The seller whose counter page takes every hostile submission; nothing may ever reach the cycle.</summary>
    private const string Hostile = "hank";

    private static readonly Dictionary<string, ((string Name, string Value)[] Fields, string Expected)> HostileCases = new()
    {
        ["no decision"] = ([("reason", "fine")], "decision: please choose"),
        ["unknown decision"] = ([("decision", "delete")], "decision: please choose"),
        ["negative"] = (Revise("-5", "10", "why not"), "revenue: the target must not be negative"),
        ["absurd"] = (Revise("1e15", "10", "ambition"), "revenue: the target must be at most 1e12"),
        ["not a number"] = (Revise("eighty", "10", "typo"), "revenue: 'eighty' is not a number"),
        ["missing number"] = ([("decision", "revise"), ("target.newConversationsPerWeek", "10"), ("reason", "r")], "revenue: please enter a target"),
        ["revise without a reason"] = (Revise("85000", "10", "  "), "reason: please say why these numbers"),
        ["reason too long"] = (Revise("85000", "10", new string('r', 1001)), "reason: please keep it under 1000 characters"),
        ["keep without a reply"] = ([("decision", "keep"), ("reply", "")], "reply: please say why you keep your proposal"),
        ["reply too long"] = ([("decision", "keep"), ("reply", new string('r', 1001))], "reply: please keep it under 1000 characters"),
        ["unknown field"] = ([("decision", "accept"), ("approvedBy", "ceo")], "('approvedBy')"),
        ["unknown metric"] = ([.. Revise("85000", "10", "r"), ("target.bogus", "1")], "bogus: not one of this quarter's metrics"),
        ["unknown metric with an accept"] = ([("decision", "accept"), ("target.bogus", "1")], "bogus: not one of this quarter's metrics"),
        ["decision sent twice"] = ([("decision", "keep"), ("decision", "accept"), ("reply", "r")], "decision: sent more than once"),
        ["script in the reason of a refused revision"] = (Revise("", "10", "<script>alert(2)</script>"), "revenue: please enter a target"),
    };

    private RunningService Service => fixture.Service;

    [Fact]
    public async Task Get_ACounter_ShowsItAsADiffWithTheSellersReasonEncoded()
    {
        var link = await CounterLinkAsync("carl");
        using var client = Service.NewClient();

        var page = await PageSession.OpenAsync(client, link);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var text = WebUtility.HtmlDecode(page.Html);
        Assert.Contains("Carl Example's counter-proposal", text);
        Assert.Contains("round 1 of 3", text);
        Assert.Contains("<td class=\"num\">90,000 £</td><td class=\"num\">80,000 £</td>", text);
        Assert.Contains("▼</span> −10,000 (−11.1%)</span><span class=\"easier\">easier target</span>", text);
        Assert.Contains("no change", text); // newConversationsPerWeek
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Two accounts moved", page.Html);
        Assert.DoesNotContain("<script", page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("name=\"target.revenue\" value=\"80000\"", page.Html); // revise starts from the seller's numbers
        Assert.Contains("aria-describedby=\"reply-hint\"", page.Html);
    }

    [Fact]
    public async Task Post_Accept_AgreesOnTheSellersNumbers()
    {
        var link = await CounterLinkAsync("cate");
        using var client = Service.NewClient();
        var page = await PageSession.OpenAsync(client, link);

        var (status, thanks) = await page.PostAsync(("decision", "accept"), ("target.revenue", "80000"), ("target.newConversationsPerWeek", "10"), ("reason", ""), ("reply", ""));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("agreed on Cate Example", WebUtility.HtmlDecode(thanks));
        var agreed = await CyclePaths.EntryAsync(Service, "cate", "TargetsAgreed");
        Assert.Equal("ManagerAccepted", CyclePaths.Text(agreed, "settled"));
        Assert.Equal(new Dictionary<string, double> { ["revenue"] = 80000, ["newConversationsPerWeek"] = 10 }, CyclePaths.Numbers(agreed));
    }

    [Fact]
    public async Task Post_Revise_SendsTheRevisedProposalAsRoundTwo()
    {
        var link = await CounterLinkAsync("cruz");
        using var client = Service.NewClient();
        var page = await PageSession.OpenAsync(client, link);

        // Refused first: the typed reason comes back as text, with the numbers as typed.
        var (refusedStatus, refused) = await page.PostAsync(Revise("85,000", "-1", "<script>alert(3)</script>"));
        Assert.Equal(HttpStatusCode.BadRequest, refusedStatus);
        Assert.Contains("newConversationsPerWeek: the target must not be negative", WebUtility.HtmlDecode(refused));
        Assert.Contains("&lt;script&gt;alert(3)&lt;/script&gt;</textarea>", refused);
        Assert.Contains("value=\"85,000\"", refused);
        Assert.DoesNotContain("<script", refused, StringComparison.OrdinalIgnoreCase);

        var (status, thanks) = await page.PostAsync(Revise("85,000", "10", "Let's meet halfway; I will help with the two new accounts."));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("round 2 of 3", WebUtility.HtmlDecode(thanks));
        var proposal = await CyclePaths.EntryAsync(Service, "cruz", "AgreementRequested", 2);
        Assert.Equal(new Dictionary<string, double> { ["revenue"] = 85000, ["newConversationsPerWeek"] = 10 }, CyclePaths.Numbers(proposal));
        Assert.Equal(2, proposal.Data["round"]!.GetValue<int>());
        await CyclePaths.LinksAsync(Service, "cruz", EmailTemplates.AgreementProposal, "cruz@example.test", 2);
        var types = (await CyclePaths.JournalAsync(Service, "cruz")).Select(e => e.Type).ToList();
        Assert.DoesNotContain("TargetsAgreed", types);
        Assert.DoesNotContain("AnswerRejected", types);
    }

    [Fact]
    public async Task Post_Keep_KeepsTheProposalWithTheReplyAndClosesThePage()
    {
        var link = await CounterLinkAsync("kyle");
        using var client = Service.NewClient();
        var page = await PageSession.OpenAsync(client, link);

        var (status, _) = await page.PostAsync(("decision", "keep"), ("reply", "The accounts moved, but the new territory makes up for them; let's plan it together."));

        Assert.Equal(HttpStatusCode.OK, status);
        var proposal = await CyclePaths.EntryAsync(Service, "kyle", "AgreementRequested", 2);
        Assert.Equal(new Dictionary<string, double> { ["revenue"] = 90000, ["newConversationsPerWeek"] = 10 }, CyclePaths.Numbers(proposal));
        var closed = await PageSession.OpenAsync(client, CyclePaths.FreshLink(Service, "kyle", ActionNames.Counter, "mark"));
        Assert.Equal(HttpStatusCode.OK, closed.Status);
        Assert.Contains("no counter-proposal waiting for your answer", closed.Html);
        Assert.DoesNotContain("<form", closed.Html);
    }

    [Fact]
    public async Task Post_Twice_SecondShowsAlreadyDoneAndChangesNothing()
    {
        var link = await CounterLinkAsync("cody");
        using var client = Service.NewClient();
        var page = await PageSession.OpenAsync(client, link);

        var (first, _) = await page.PostAsync(("decision", "accept"));
        var (second, again) = await page.PostAsync(("decision", "keep"), ("reply", "changed my mind"));

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.Contains("Already done", again);
        var agreed = await CyclePaths.EntryAsync(Service, "cody", "TargetsAgreed");
        Assert.Equal("ManagerAccepted", CyclePaths.Text(agreed, "settled"));
        Assert.Single(await CyclePaths.JournalAsync(Service, "cody"), e => e.Type == "AgreementRequested");
    }

    [Theory]
    [InlineData("no decision")]
    [InlineData("unknown decision")]
    [InlineData("negative")]
    [InlineData("absurd")]
    [InlineData("not a number")]
    [InlineData("missing number")]
    [InlineData("revise without a reason")]
    [InlineData("reason too long")]
    [InlineData("keep without a reply")]
    [InlineData("reply too long")]
    [InlineData("unknown field")]
    [InlineData("unknown metric")]
    [InlineData("unknown metric with an accept")]
    [InlineData("decision sent twice")]
    [InlineData("script in the reason of a refused revision")]
    public async Task Post_HostileInput_Refused400NamingTheFieldAndNothingStored(string name)
    {
        await fixture.OnceAsync(Hostile, _ => CounterLinkAsync(Hostile));
        var (fields, expected) = HostileCases[name];
        var link = CyclePaths.FreshLink(Service, Hostile, ActionNames.Counter, "mark");
        using var client = Service.NewClient();
        var page = await PageSession.OpenAsync(client, link);

        var (status, html) = await page.PostAsync(fields);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, WebUtility.HtmlDecode(html));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        await CyclePaths.AssertNothingStoredAsync(Service, Hostile, link, "TargetsAgreed");
        Assert.Single(await CyclePaths.JournalAsync(Service, Hostile), e => e.Type == "AgreementRequested");
    }

    private static (string, string)[] Revise(string revenue, string conversations, string reason) =>
        [("decision", "revise"), ("target.revenue", revenue), ("target.newConversationsPerWeek", conversations), ("reason", reason)];

    /// <summary>Starts the seller, defines the role template, has the seller counter it; returns the manager's link from the counter email.</summary>
    private async Task<string> CounterLinkAsync(string sellerId)
    {
        await CyclePaths.StartAsync(Service, sellerId);
        await CyclePaths.DefineAsync(Service, sellerId);
        await CyclePaths.CounterAsync(Service, sellerId, new Dictionary<string, double> { ["revenue"] = 80000 }, SellerReason);
        return (await CyclePaths.LinksAsync(Service, sellerId, EmailTemplates.CounterProposal, Manager)).Single();
    }
}
