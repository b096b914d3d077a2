using System.Net;
using ReviewFlow.Functions.Tests.Web.Support;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Links;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Actions.CheckIn;

/// <summary>The seller's check-in page against the running service, at the second check-in of the quarter (weeks 3–4).</summary>
public sealed class CheckInFormTests(SecondCheckInFixture fixture) : IClassFixture<SecondCheckInFixture>
{
    /// <summary>The seller whose check-in page takes every hostile submission; nothing may ever reach the cycle.</summary>
    private const string Hostile = "cruz";

    private static readonly (string Name, string Value)[] ValidFigures =
    [
        ("week.3.revenue", "6,500"), ("week.3.newConversations", "9"),
        ("week.4.revenue", "7200.50"), ("week.4.newConversations", "11"),
    ];

    private static readonly Dictionary<string, ((string Name, string Value)[] Fields, string Expected)> HostileCases = new()
    {
        ["negative"] = (With("week.3.revenue", "-100"), "Week 3, revenue: cannot be negative (-100)"),
        ["absurd"] = (With("week.4.newConversations", "1e15"), "Week 4, newConversations: 1e15 is too large for one week's figure"),
        ["not a number"] = (With("week.3.newConversations", "nine"), "Week 3, newConversations: 'nine' is not a number"),
        ["missing figure"] = ([.. ValidFigures.Where(f => f.Name != "week.4.revenue")], "Week 4, revenue: please enter a number"),
        ["empty figure"] = (With("week.4.revenue", " "), "Week 4, revenue: please enter a number"),
        ["wrong week"] = ([.. ValidFigures, ("week.5.revenue", "100")], "week 5 is not one of the weeks this check-in covers (3, 4)"),
        ["earlier week"] = ([.. ValidFigures, ("week.1.revenue", "100")], "week 1 is not one of the weeks this check-in covers (3, 4)"),
        ["unknown figure"] = ([.. ValidFigures, ("week.3.calls", "40")], "values.calls: not one of the figures this check-in asks for"),
        ["malformed week"] = ([.. ValidFigures, ("week.x.revenue", "1")], "week.x.revenue: not a field of this check-in"),
        ["answer too long"] = ([.. ValidFigures, ("working", new string('w', 2001))], "working: at most 2000 characters"),
        ["answer over the form's size limit"] = ([.. ValidFigures, ("supportNeeded", new string('s', 5000))], "too much to send"),
        ["unknown field"] = ([.. ValidFigures, ("rating", "5")], "('rating')"),
        ["figure sent twice"] = ([.. ValidFigures, ("week.3.revenue", "1")], "week.3.revenue: sent more than once"),
        ["script in an answer of a refused check-in"] = (With("week.3.revenue", "", ("notWorking", "<script>alert(1)</script>")), "Week 3, revenue: please enter a number"),
    };

    private RunningService Service => fixture.Service;

    [Fact]
    public async Task Get_SecondCheckIn_ShowsTheWeeksFiguresAnswersAndTheTrendChart()
    {
        var link = await LinkAsync("cara");
        using var client = Service.NewClient();

        var page = await PageSession.OpenAsync(client, link);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var text = WebUtility.HtmlDecode(page.Html);
        Assert.Contains("Your check-in for weeks 3–4", text);
        Assert.Contains("Your review with Mark Whitaker is on Thu 28 Jan 2027", text);
        foreach (var (name, id) in new[] { ("week.3.revenue", "w3-revenue"), ("week.3.newConversations", "w3-newConversations"), ("week.4.revenue", "w4-revenue"), ("week.4.newConversations", "w4-newConversations") })
        {
            Assert.Contains($"<label for=\"{id}\">", page.Html);
            Assert.Contains($"id=\"{id}\" name=\"{name}\" value=\"\" aria-describedby=\"{id}-hint\"", page.Html);
        }

        Assert.DoesNotContain("week.5", page.Html);
        Assert.Contains("the target is 10 conversations a week", text);
        Assert.Contains("<textarea id=\"supportNeeded\" name=\"supportNeeded\" maxlength=\"2000\" aria-describedby=\"supportNeeded-hint\">", page.Html);

        // The trend: one chart per metric, plan against actual for the review held, readable without a legend hunt.
        Assert.Contains("Your trend so far", text);
        Assert.Equal(2, CountOf(page.Html, "<svg class=\"chart\" role=\"img\""));
        Assert.Contains("revenue (£): plan vs actual</figcaption>", text);
        Assert.Contains(">plan</text>", page.Html);
        Assert.Contains(">your actual</text>", page.Html);
        Assert.Contains(">£ in the weeks</text>", text);
        Assert.Contains(">conversations a week</text>", text);
        Assert.Contains(">each review, by the weeks it covered</text>", page.Html);
        Assert.Contains(">W1–2</text>", text);
        Assert.Contains(">101%</text>", page.Html); // 14,000 against a plan of 13,846 for two weeks of 13
        Assert.Contains("latest W1–2: actual 14,000 against plan 13,846.15 (101%)", text);
        Assert.Contains("class=\"plan\"", page.Html);
    }

    [Fact]
    public async Task Post_ValidFigures_SubmitsTheCheckInForTheWeeksAsked()
    {
        var link = await LinkAsync("cleo");
        using var client = Service.NewClient();
        var page = await PageSession.OpenAsync(client, link);

        // Refused first: problems on top, every field as typed, the answer's markup shown as text.
        var (refusedStatus, refused) = await page.PostAsync(With("week.4.newConversations", "", ("notWorking", "<script>alert(1)</script>")));
        Assert.Equal(HttpStatusCode.BadRequest, refusedStatus);
        Assert.Contains("Week 4, newConversations: please enter a number", WebUtility.HtmlDecode(refused));
        Assert.Contains("name=\"week.3.revenue\" value=\"6,500\"", refused);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;</textarea>", refused);
        Assert.DoesNotContain("<script", refused, StringComparison.OrdinalIgnoreCase);

        var (status, thanks) = await page.PostAsync([.. ValidFigures, ("working", "Two demos booked."), ("notWorking", "<b>Slow</b> legal reviews."), ("supportNeeded", "")]);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("What happens next", thanks);
        var submitted = await CyclePaths.EntryAsync(Service, "cleo", "CheckInSubmitted", 2);
        Assert.Equal([3, 4], CyclePaths.Ints(submitted.Data["weeks"]));
        var (agenda, _) = await CyclePaths.EmailAsync(Service, "cleo", EmailTemplates.ReviewAgenda, "mark@example.test", 2);
        Assert.Contains("13,700.5", agenda); // weeks 3 and 4 revenue, summed by the cycle
        Assert.Contains("<b>Slow</b> legal reviews.", agenda); // the plain-text email carries the answer as typed
        Assert.DoesNotContain("AnswerRejected", (await CyclePaths.JournalAsync(Service, "cleo")).Select(e => e.Type));
    }

    [Fact]
    public async Task Post_Twice_SecondShowsAlreadyDoneAndTheStepThenCloses()
    {
        var link = await LinkAsync("cody");
        using var client = Service.NewClient();
        var page = await PageSession.OpenAsync(client, link);

        var (first, _) = await page.PostAsync(ValidFigures);
        var (second, again) = await page.PostAsync(With("week.3.revenue", "1"));

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.Contains("Already done", again);
        await CyclePaths.EntryAsync(Service, "cody", "CheckInSubmitted", 2);
        Assert.Equal(2, (await CyclePaths.JournalAsync(Service, "cody")).Count(e => e.Type == "CheckInSubmitted"));
        var closed = await PageSession.OpenAsync(client, CyclePaths.FreshLink(Service, "cody", ActionNames.CheckIn, "cody"));
        Assert.Equal(HttpStatusCode.OK, closed.Status);
        Assert.Contains("Your check-in for weeks 3–4 is in", WebUtility.HtmlDecode(closed.Html));
        Assert.DoesNotContain("<form", closed.Html);
    }

    [Theory]
    [InlineData("negative")]
    [InlineData("absurd")]
    [InlineData("not a number")]
    [InlineData("missing figure")]
    [InlineData("empty figure")]
    [InlineData("wrong week")]
    [InlineData("earlier week")]
    [InlineData("unknown figure")]
    [InlineData("malformed week")]
    [InlineData("answer too long")]
    [InlineData("answer over the form's size limit")]
    [InlineData("unknown field")]
    [InlineData("figure sent twice")]
    [InlineData("script in an answer of a refused check-in")]
    public async Task Post_HostileInput_Refused400NamingTheFieldAndNothingStored(string name)
    {
        var (fields, expected) = HostileCases[name];
        var link = CyclePaths.FreshLink(Service, Hostile, ActionNames.CheckIn, Hostile);
        using var client = Service.NewClient();
        var page = await PageSession.OpenAsync(client, link);

        var (status, html) = await page.PostAsync(fields);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, WebUtility.HtmlDecode(html));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        await CyclePaths.AssertNothingStoredAsync(Service, Hostile, link);
        Assert.Single(await CyclePaths.JournalAsync(Service, Hostile), e => e.Type == "CheckInSubmitted"); // the first period's only
    }

    private static (string Name, string Value)[] With(string name, string value, params (string Name, string Value)[] more) =>
        [.. ValidFigures.Select(f => f.Name == name ? (name, value) : f), .. more];

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    /// <summary>The link of the seller's second check-in email.</summary>
    private async Task<string> LinkAsync(string sellerId) =>
        (await CyclePaths.LinksAsync(Service, sellerId, EmailTemplates.CheckInRequest, $"{sellerId}@example.test", 2)).Single();
}
