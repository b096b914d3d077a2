using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ReviewFlow.Browser.Tests.Support;
using ReviewFlow.Functions.Tests.Web.Support;
using ReviewFlow.Integrations.Email;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ReviewFlow.Browser.Tests.Web.Dashboard;

/// <summary>
/// Review, in a real browser: the seller fills the check-in form from the request email, the review is held, and the
/// figure shows on the seller's plan-vs-actual chart on the manager's dashboard (and the team in the RevOps roll-up).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CheckInChartTests(ChromiumFixture chromium) : IAsyncLifetime
{
    // Priya checks in through the browser; Omar's check-in goes straight to the engine; Lena never answers her
    // proposal. A board of one seller would not show what the board is for.
    private const string Priya = "priya";
    private const string Omar = "omar";
    private const string Lena = "lena";

    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await RunningService.StartAsync(SignIn.Keys);

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task CheckIn_SubmittedThroughTheForm_ShowsOnTheSellersChart()
    {
        await _service.StartTeamAsync(Priya, Omar, Lena);
        await Task.WhenAll(CyclePaths.DefineAsync(_service, Priya), CyclePaths.DefineAsync(_service, Omar), CyclePaths.DefineAsync(_service, Lena));

        // One after the other, so each gets the same review slot every run (the screenshots do not change needlessly).
        await CyclePaths.AgreeAsync(_service, Priya);
        await CyclePaths.AgreeAsync(_service, Omar);
        var weeks = await CyclePaths.ToCheckInAsync(_service, [Priya, Omar], 1);
        Assert.Equal([1, 2], weeks[Priya]);
        var link = _service.Url(await _service.LinkAsync(Priya, EmailTemplates.CheckInRequest, CyclePaths.Seller(Priya).Email));

        // Sellers mostly open the check-in from their phone's mail app: it must read well at 390 px.
        var phone = await chromium.NewPhonePageAsync();
        await phone.GotoAsync(link);
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Your check-in for weeks 1–2" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(phone, "checkin-mobile");

        var seller = await chromium.NewDesktopPageAsync();
        await seller.GotoAsync(link);
        await FillWeekAsync(seller, 1, revenue: "6,400", conversations: "11");
        await FillWeekAsync(seller, 2, revenue: "5,600", conversations: "9");
        await seller.GetByLabel("What is working?").FillAsync("Two renewals closed early; the new pitch deck lands well.");
        await seller.GetByLabel("What is not working yet?").FillAsync("Proposals wait on pricing sign-off for days.");
        await seller.GetByLabel("What support would help?").FillAsync("A faster path for standard discounts.");
        await Screenshots.SaveAsync(seller, "checkin");
        await seller.GetByRole(AriaRole.Button, new() { Name = "Send my check-in" }).ClickAsync();
        await Expect(seller.GetByRole(AriaRole.Heading, new() { Name = "Thank you" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(seller, "checkin-thanks");
        var submitted = await CyclePaths.EntryAsync(_service, Priya, "CheckInSubmitted");
        Assert.Equal([1, 2], CyclePaths.Ints(submitted.Data["weeks"]));

        // Both reviews are held at their times; the chart draws a review's period: 6,400 + 5,600 of revenue.
        await CyclePaths.HoldReviewsAsync(_service, new Dictionary<string, IReadOnlyList<int>> { [Omar] = weeks[Omar] }, 1, CyclePaths.OnPlan);
        CyclePaths.AdvanceTo(_service, await CyclePaths.ReviewStartAsync(_service, Priya, 1));
        var held = await CyclePaths.EntryAsync(_service, Priya, "ReviewHeld");
        Assert.Equal(12000, held.Data["metrics"]!["revenue"]!["actual"]!.GetValue<double>());

        // Mark signs in, finds Priya on his team board, and reads her figure off the chart.
        var manager = await chromium.NewDesktopPageAsync();
        await SignIn.AsAsync(manager, _service, SignIn.MarkKey, "/dashboard");
        await Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "Mark Whitaker's team, 2027-Q1" })).ToBeVisibleAsync();
        await Expect(manager.GetByRole(AriaRole.Row, new() { Name = "Lena Example" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(manager, "dashboard-team");
        await manager.GetByRole(AriaRole.Link, new() { Name = "Priya Example" }).ClickAsync();
        var chart = manager.GetByRole(AriaRole.Img, new() { NameRegex = new Regex(@"^Priya Example, revenue .*actual 12,000 against plan") });
        await Expect(chart).ToBeVisibleAsync();
        await Screenshots.SaveAsync(manager, "dashboard-seller");

        // RevOps sees every team in one table, Mark's among them.
        var revOps = await chromium.NewDesktopPageAsync();
        await SignIn.AsAsync(revOps, _service, SignIn.RevOpsKey, "/dashboard/revops");
        await Expect(revOps.GetByRole(AriaRole.Heading, new() { Name = "All teams, 2027-Q1" })).ToBeVisibleAsync();
        await Expect(revOps.GetByRole(AriaRole.Link, new() { Name = "Mark Whitaker's team" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(revOps, "dashboard-revops");

        // The next check-in form shows Priya her own trend: one chart per agreed metric, the first review on it.
        await CyclePaths.ToCheckInAsync(_service, [Priya], 2);
        var next = (await CyclePaths.LinksAsync(_service, Priya, EmailTemplates.CheckInRequest, CyclePaths.Seller(Priya).Email, 2)).Single();
        await seller.GotoAsync(_service.Url(next));
        await Expect(seller.GetByRole(AriaRole.Heading, new() { Name = "Your check-in for weeks 3–4" })).ToBeVisibleAsync();
        await Expect(seller.GetByRole(AriaRole.Figure)).ToHaveCountAsync(2);
        await Screenshots.SaveAsync(seller, "checkin-trend");
    }

    private static async Task FillWeekAsync(IPage page, int week, string revenue, string conversations)
    {
        var fieldset = page.GetByRole(AriaRole.Group, new() { NameRegex = new Regex($"^Week {week} ") });
        await fieldset.GetByLabel("revenue (£)", new() { Exact = true }).FillAsync(revenue);
        await fieldset.GetByLabel("newConversations (conversations)", new() { Exact = true }).FillAsync(conversations);
    }
}
