using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ReviewFlow.Functions.Tests.Web.Support;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Journal;
using ReviewFlow.Integrations.Links;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Actions.Define;

/// <summary>The manager's Define page against the running service: pre-fill, submit, single use, and hostile input.</summary>
public sealed partial class DefineFormTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const string Manager = "mark@example.test";

    /// <summary>The seller whose Define page takes every hostile submission; nothing may ever reach the cycle.</summary>
    private const string Hostile = "hugo";

    private static readonly (string, string)[] Valid = [("target.revenue", "90000"), ("target.newConversationsPerWeek", "10")];

    private static readonly Dictionary<string, ((string Name, string Value)[] Fields, string Expected)> HostileCases = new()
    {
        ["negative"] = ([("target.revenue", "-5"), ("target.newConversationsPerWeek", "10")], "revenue: the target must not be negative"),
        ["absurd"] = ([("target.revenue", "1e15"), ("target.newConversationsPerWeek", "10")], "revenue: the target must be at most 1e12"),
        ["not a number"] = ([("target.revenue", "lots"), ("target.newConversationsPerWeek", "10")], "revenue: 'lots' is not a number"),
        ["not finite"] = ([("target.revenue", "NaN"), ("target.newConversationsPerWeek", "Infinity")], "newConversationsPerWeek: 'Infinity' is not a number"),
        ["too long a number"] = ([("target.revenue", new string('9', 25)), ("target.newConversationsPerWeek", "10")], "revenue: '"),
        ["nothing filled in"] = ([("target.revenue", ""), ("target.newConversationsPerWeek", " ")], "targets: please fill in at least one metric"),
        ["no fields at all"] = ([], "targets: please fill in at least one metric"),
        ["unknown field"] = ([.. Valid, ("isAdmin", "true")], "('isAdmin')"),
        ["unknown metric"] = ([.. Valid, ("target.bogus", "5")], "bogus: not one of the metrics this form offers"),
        ["field sent twice"] = ([.. Valid, ("target.revenue", "1")], "target.revenue: sent more than once"),
        ["script"] = ([("target.revenue", "<script>alert(1)</script>"), ("target.newConversationsPerWeek", "10")], "revenue: '<script>alert(1)</script>' is not a number"),
    };

    private RunningService Service => fixture.Service;

    [Fact]
    public async Task Get_PrefilledFromTheRoleTemplate_ShowsTheEmailsNumbersWithUnitsAndWhy()
    {
        await CyclePaths.StartAsync(Service, "dana");
        var (email, links) = await CyclePaths.EmailAsync(Service, "dana", EmailTemplates.DefineRequest, Manager);
        using var client = Service.NewClient();

        var page = await PageSession.OpenAsync(client, links.Single());

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var text = WebUtility.HtmlDecode(page.Html);
        Assert.Contains("Dana Example's expectations for 2027-Q1", text);
        Assert.Contains("Pre-filled from the role template", text);
        var emailed = EmailedTargets().Matches(email).ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value.Replace(",", "", StringComparison.Ordinal));
        Assert.Equal(["revenue", "newConversationsPerWeek"], emailed.Keys);
        foreach (var (key, value) in emailed)
        {
            Assert.Contains($"name=\"target.{key}\" value=\"{value}\"", page.Html);
            Assert.Contains($"aria-describedby=\"t-{key}-why\"", page.Html);
        }

        Assert.Contains("<label for=\"t-revenue\">revenue (£)</label>", text);
        Assert.Contains("Revenue is the result the team is measured on", text);
        Assert.Contains("name=\"target.dealsWon\" value=\"\"", page.Html); // offered, empty: the manager may add it
        Assert.Contains("<form method=\"post\"", page.Html);
    }

    [Fact]
    public async Task Get_SellerWithALastQuarter_PrefillsLastQuartersAgreedTargetsAsTheEmailDid()
    {
        var lastQuarter = new JournalEntry("cycle-2026-Q4-dave", "prepared", new DateTime(2026, 12, 31, 17, 0, 0, DateTimeKind.Utc), "mark", "dave", "NextQuarterPrepared",
            new JsonObject { ["quarter"] = "2027-Q1", ["targets"] = new JsonObject { ["revenue"] = 120000, ["dealsWon"] = 8 } });
        await Service.Journal.AppendAsync([lastQuarter], CancellationToken.None);
        await CyclePaths.StartAsync(Service, "dave");
        var (email, links) = await CyclePaths.EmailAsync(Service, "dave", EmailTemplates.DefineRequest, Manager);
        using var client = Service.NewClient();

        var page = await PageSession.OpenAsync(client, links.Single());

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("2026-Q4's agreed targets", email);
        Assert.Contains("Pre-filled from 2026-Q4's agreed targets", WebUtility.HtmlDecode(page.Html));
        Assert.Contains("name=\"target.revenue\" value=\"120000\"", page.Html);
        Assert.Contains("name=\"target.dealsWon\" value=\"8\"", page.Html);
        Assert.Contains("name=\"target.newConversationsPerWeek\" value=\"\"", page.Html); // the role template's, not last quarter's
    }

    [Fact]
    public async Task Post_AdjustedAndAddedMetrics_DefinesThemAndSendsTheProposalToTheSeller()
    {
        await CyclePaths.StartAsync(Service, "dina");
        var link = (await CyclePaths.LinksAsync(Service, "dina", EmailTemplates.DefineRequest, Manager)).Single();
        using var client = Service.NewClient();
        var page = await PageSession.OpenAsync(client, link);

        // A refusal first: the page lists the problem, keeps what was typed (encoded), and nothing reaches the cycle.
        var (refusedStatus, refused) = await page.PostAsync(("target.revenue", "95,000"), ("target.newConversationsPerWeek", "<b>12</b>"));
        Assert.Equal(HttpStatusCode.BadRequest, refusedStatus);
        Assert.Contains("role=\"alert\"", refused);
        Assert.Contains("value=\"95,000\"", refused);
        Assert.Contains("value=\"&lt;b&gt;12&lt;/b&gt;\"", refused);
        Assert.DoesNotContain("<b>12", refused);

        var (status, thanks) = await page.PostAsync(("target.revenue", "95,000"), ("target.newConversationsPerWeek", "12"), ("target.dealsWon", "6"), ("target.conversionRate", ""));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("What happens next", thanks);
        var defined = await CyclePaths.EntryAsync(Service, "dina", "ExpectationsDefined");
        var expected = new Dictionary<string, double> { ["revenue"] = 95000, ["newConversationsPerWeek"] = 12, ["dealsWon"] = 6 };
        Assert.Equal(expected, CyclePaths.Numbers(defined));
        Assert.Equal(expected, CyclePaths.Numbers(await CyclePaths.EntryAsync(Service, "dina", "AgreementRequested")));
        Assert.Equal(2, (await CyclePaths.LinksAsync(Service, "dina", EmailTemplates.AgreementProposal, "dina@example.test")).Count); // accept, propose
        Assert.DoesNotContain("AnswerRejected", (await CyclePaths.JournalAsync(Service, "dina")).Select(e => e.Type));
    }

    [Fact]
    public async Task Post_Twice_SecondShowsAlreadyDoneAndChangesNothing()
    {
        await CyclePaths.StartAsync(Service, "dora");
        var link = (await CyclePaths.LinksAsync(Service, "dora", EmailTemplates.DefineRequest, Manager)).Single();
        using var client = Service.NewClient();
        var page = await PageSession.OpenAsync(client, link);

        var (first, _) = await page.PostAsync(("target.revenue", "80000"), ("target.newConversationsPerWeek", "9"));
        var (second, again) = await page.PostAsync(("target.revenue", "1"), ("target.newConversationsPerWeek", "1"));

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.Contains("Already done", again);
        Assert.NotNull(await Service.UsedLinks.FindAsync(CyclePaths.Grant(Service, link), CancellationToken.None));
        var defined = await CyclePaths.EntryAsync(Service, "dora", "ExpectationsDefined");
        Assert.Equal(80000, CyclePaths.Numbers(defined)["revenue"]);
        await CyclePaths.EntryAsync(Service, "dora", "AgreementRequested");
        Assert.Single(await CyclePaths.JournalAsync(Service, "dora"), e => e.Type == "ExpectationsDefined");
    }

    [Fact]
    public async Task Get_AfterTheExpectationsAreDefined_SaysTheStepIsClosed()
    {
        await CyclePaths.StartAsync(Service, "dirk");
        await CyclePaths.DefineAsync(Service, "dirk");
        using var client = Service.NewClient();

        var page = await PageSession.OpenAsync(client, CyclePaths.FreshLink(Service, "dirk", ActionNames.Define, "mark"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("already set and with Dirk Example", WebUtility.HtmlDecode(page.Html));
        Assert.DoesNotContain("<form", page.Html);
    }

    [Theory]
    [InlineData("negative")]
    [InlineData("absurd")]
    [InlineData("not a number")]
    [InlineData("not finite")]
    [InlineData("too long a number")]
    [InlineData("nothing filled in")]
    [InlineData("no fields at all")]
    [InlineData("unknown field")]
    [InlineData("unknown metric")]
    [InlineData("field sent twice")]
    [InlineData("script")]
    public async Task Post_HostileInput_Refused400NamingTheFieldAndNothingStored(string name)
    {
        await fixture.OnceAsync(Hostile, async service =>
        {
            await CyclePaths.StartAsync(service, Hostile);
            await CyclePaths.EntryAsync(service, Hostile, "ExpectationsRequested");
        });
        var (fields, expected) = HostileCases[name];
        var link = CyclePaths.FreshLink(Service, Hostile, ActionNames.Define, "mark");
        using var client = Service.NewClient();
        var page = await PageSession.OpenAsync(client, link);

        var (status, html) = await page.PostAsync(fields);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, WebUtility.HtmlDecode(html));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        await CyclePaths.AssertNothingStoredAsync(Service, Hostile, link, "ExpectationsDefined", "AgreementRequested");
    }

    [GeneratedRegex(@"^- (?<key>\w+): (?<value>[\d,\.]+) ", RegexOptions.Multiline)]
    private static partial Regex EmailedTargets();
}
