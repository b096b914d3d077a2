using System.Net;
using System.Text.RegularExpressions;
using ReviewFlow.Domain.Policy;
using ReviewFlow.Functions.Web.Actions.Define;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Dashboard;

/// <summary>
/// The dashboard over HTTP against the running service: who may see what (own team, not another manager's, RevOps
/// everything, nobody anonymous), and that the pages render what the real workflows wrote.
/// </summary>
public sealed partial class DashboardHttpTests(DashboardService service) : IClassFixture<DashboardService>
{
    private const string NotFoundMessage = "There is no seller cycle you can see at this address.";

    private async Task<(HttpStatusCode Status, string Html, Page Response)> GetAsync(string? key, string path)
    {
        using var client = service.As(key);
        using var response = await client.GetAsync(path);
        var csp = response.Headers.TryGetValues("Content-Security-Policy", out var values) ? values.Single() : "";
        // Decoded as a browser would show it (the encoder writes £, – and ' as character references); the raw page is kept for markup checks.
        var raw = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, WebUtility.HtmlDecode(raw), new Page(response.Headers.Location?.OriginalString, csp, raw));
    }

    [Theory]
    [InlineData("/dashboard")]
    [InlineData("/dashboard/cycles/cycle-2027-Q1-priya")]
    [InlineData("/dashboard/revops")]
    public async Task Get_Anonymous_IsSentToSignInAndSeesNothing(string path)
    {
        var (status, html, response) = await GetAsync(null, path);

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/signin?returnUrl=" + Uri.EscapeDataString(path), response.Location);
        Assert.DoesNotContain("Priya", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Board_Manager_SeesOwnSellersOnly()
    {
        var (status, html, _) = await GetAsync(DashboardService.MarkKey, "/dashboard");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h1>Mark Whitaker's team, 2027-Q1</h1>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/dashboard/cycles/cycle-2027-Q1-priya\">Priya Example</a>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/dashboard/cycles/cycle-2027-Q1-tom\">Tom Example</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Zoe", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Board_Manager_ShowsEachSellersPhaseLastStatusAndWhatIsAwaited()
    {
        var (_, html, _) = await GetAsync(DashboardService.MarkKey, "/dashboard");

        var priya = Row(html, "priya");
        Assert.Contains("<span class=\"chip ph-review\">Review</span>", priya, StringComparison.Ordinal);
        Assert.Matches("<span class=\"chip st-below\" title=\"W1–2, held [0-9-]+\">below</span>", priya);
        Assert.Contains("<time datetime=", priya, StringComparison.Ordinal); // her next review is booked
        var tom = Row(html, "tom");
        Assert.Contains("<span class=\"chip ph-define\">Define</span>", tom, StringComparison.Ordinal);
        Assert.Contains("Mark Whitaker to define Tom Example's targets", tom, StringComparison.Ordinal);
        Assert.Contains("no reviews yet", tom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Board_ManagerAsksForAnotherTeam_IsNotFound()
    {
        var (status, html, _) = await GetAsync(DashboardService.MarkKey, "/dashboard?team=nina");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.DoesNotContain("Zoe", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dashboard?quarter=2099-Q1", HttpStatusCode.NotFound)]
    [InlineData("/dashboard?quarter=%3Cscript%3E", HttpStatusCode.BadRequest)]
    [InlineData("/dashboard?team=../nina", HttpStatusCode.BadRequest)]
    [InlineData("/dashboard?quarter=2027-Q1&quarter=2026-Q4", HttpStatusCode.BadRequest)]
    public async Task Board_UnknownOrMalformedQuery_IsRefusedWithoutEchoingIt(string path, HttpStatusCode expected)
    {
        var (status, html, response) = await GetAsync(DashboardService.MarkKey, path);

        Assert.Equal(expected, status);
        Assert.DoesNotContain("script", response.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain("Priya Example", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Board_OtherManager_SeesTheirOwnTeam()
    {
        var (status, html, _) = await GetAsync(DashboardService.NinaKey, "/dashboard");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Zoe Example", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Priya", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Board_RevOps_PicksFromEveryTeamAndOpensAnyBoard()
    {
        var (status, picker, _) = await GetAsync(DashboardService.RevOpsKey, "/dashboard");
        var (_, nina, _) = await GetAsync(DashboardService.RevOpsKey, "/dashboard?team=nina");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("href=\"/dashboard?quarter=2027-Q1&team=mark\">Mark Whitaker's team</a>", picker, StringComparison.Ordinal);
        Assert.Contains("href=\"/dashboard?quarter=2027-Q1&team=nina\">Nina Patel's team</a>", picker, StringComparison.Ordinal);
        Assert.Contains("href=\"/dashboard/cycles/cycle-2027-Q1-zoe\">Zoe Example</a>", nina, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cycle_OwnSeller_ShowsChartsAgreementReviewsAndEmails()
    {
        var (status, html, _) = await GetAsync(DashboardService.MarkKey, "/dashboard/cycles/cycle-2027-Q1-priya");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, FigureCount().Matches(html).Count); // revenue and new conversations
        Assert.Contains($"<figcaption>{MetricWords.Label("revenue", ReviewPolicy.Default.Catalogue.Resolve("revenue"))}: plan vs actual</figcaption>", html, StringComparison.Ordinal);
        Assert.Contains("<svg role=\"img\"", html, StringComparison.Ordinal);
        Assert.Contains("below plan", html, StringComparison.Ordinal);
        Assert.Contains("accepted the targets", html, StringComparison.Ordinal); // the agreement's audit
        Assert.Contains("<span class=\"chip st-below\">below</span>", html, StringComparison.Ordinal); // the review held
        Assert.Contains("<h2>Emails sent</h2>", html, StringComparison.Ordinal);
        Assert.Matches("<td>priya@example\\.test</td><td>[^<]+</td>", html);
    }

    [Theory]
    [InlineData("/dashboard/cycles/cycle-2027-Q1-zoe")]
    [InlineData("/dashboard/cycles/cycle-2027-Q1-nobody")]
    [InlineData("/dashboard/cycles/quarter-2027-Q1-mark")]
    public async Task Cycle_AnotherTeamsOrMissing_IsTheSameNotFound(string path)
    {
        var (status, html, _) = await GetAsync(DashboardService.MarkKey, path);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains(NotFoundMessage, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Zoe", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cycle_RevOps_SeesAnyTeamsCycle()
    {
        var (status, html, _) = await GetAsync(DashboardService.RevOpsKey, "/dashboard/cycles/cycle-2027-Q1-zoe");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Nina Patel to define Zoe Example's targets", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevOps_Manager_IsForbidden()
    {
        var (status, html, _) = await GetAsync(DashboardService.MarkKey, "/dashboard/revops");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.DoesNotContain("Nina", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevOps_RevOps_RollsUpEveryTeam()
    {
        var (status, html, _) = await GetAsync(DashboardService.RevOpsKey, "/dashboard/revops");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<p class=\"summary\">2 teams, 3 sellers; 1 review held", html, StringComparison.Ordinal);
        var (standing, reviews) = RollupRows(html, "Mark Whitaker's team");
        Assert.StartsWith("<td class=\"num\">2</td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">1</td>", standing, StringComparison.Ordinal); // 2 sellers: 1 Define, 0 Agree, 1 Review
        Assert.StartsWith("<td class=\"num\">2</td><td class=\"num\">1</td>", reviews, StringComparison.Ordinal); // 2 sellers, 1 review held
        Assert.Contains("<td class=\"num\">100%<span class=\"hint\">1 of 1</span></td>", reviews, StringComparison.Ordinal); // the one review with a check-in was below plan
        Assert.Contains(">Nina Patel's team</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_Served_CarryNoScriptNorInlineStyleUnderTheStrictPolicy()
    {
        foreach (var path in new[] { "/dashboard", "/dashboard/cycles/cycle-2027-Q1-priya", "/dashboard/revops" })
        {
            var (status, html, response) = await GetAsync(DashboardService.RevOpsKey, path);

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("default-src 'none'", response.ContentSecurityPolicy, StringComparison.Ordinal);
            Assert.Contains("<main id=\"main\" class=\"wide\">", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", response.Raw, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" style=", response.Raw, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<style", response.Raw, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Board_BrowserSignedInWithAKey_OpensTheBoardWithASignOutButton()
    {
        using var browser = service.Browser();
        var signIn = await browser.GetStringAsync("/signin?returnUrl=%2Fdashboard");
        var token = WebUtility.HtmlDecode(AntiForgery().Match(signIn).Groups[1].Value);
        using var posted = await browser.PostAsync("/signin", new FormUrlEncodedContent([new("key", DashboardService.MarkKey), new("__rf_af", token), new("returnUrl", "/dashboard")]));
        Assert.Equal("/dashboard", posted.Headers.Location?.OriginalString);

        using var board = await browser.GetAsync("/dashboard");
        var html = await board.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, board.StatusCode);
        Assert.Contains("Signed in as Mark Whitaker", html, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/signout\"", html, StringComparison.Ordinal);
        Assert.Contains("Priya Example", html, StringComparison.Ordinal);
    }

    /// <summary>The board's row of one seller (its cells after the seller's link).</summary>
    private static string Row(string html, string sellerId)
    {
        var start = html.IndexOf($"href=\"/dashboard/cycles/cycle-2027-Q1-{sellerId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No row for {sellerId}.");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    /// <summary>The roll-up's cells of one team, after its name, in each of its two tables.</summary>
    private static (string Standing, string Reviews) RollupRows(string html, string teamName)
    {
        string After(int from)
        {
            var start = html.IndexOf(teamName + "</", from, StringComparison.Ordinal);
            Assert.True(start >= 0, $"No roll-up row for {teamName}.");
            start = html.IndexOf("</th>", start, StringComparison.Ordinal) + "</th>".Length;
            return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
        }

        var standing = After(0);
        return (standing, After(html.IndexOf(standing, StringComparison.Ordinal) + standing.Length));
    }

    private sealed record Page(string? Location, string ContentSecurityPolicy, string Raw);

    [GeneratedRegex("<figure class=\"plan-actual\"")]
    private static partial Regex FigureCount();

    [GeneratedRegex("<input type=\"hidden\" name=\"__rf_af\" value=\"([^\"]+)\">")]
    private static partial Regex AntiForgery();
}
