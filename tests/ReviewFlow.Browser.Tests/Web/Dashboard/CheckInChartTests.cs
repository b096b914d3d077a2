using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ReviewFlow.Browser.Tests.Support;
using ReviewFlow.Functions.Tests.Web.Support;
using ReviewFlow.Integrations.Email;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ReviewFlow.Browser.Tests.Web.Dashboard;

/// <summary>Review, in a real browser: the seller fills the check-in form from the request email, and the figure shows on the dashboard chart.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CheckInChartTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private const string Seller = "priya";

    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await RunningService.StartAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task CheckIn_SubmittedThroughTheForm_ShowsOnTheSellersChart()
    {
        await CyclePaths.StartAsync(_service, Seller);
        await CyclePaths.DefineAsync(_service, Seller);
        await CyclePaths.AgreeAsync(_service, Seller);
        var weeks = (await CyclePaths.ToCheckInAsync(_service, [Seller], 1))[Seller];
        Assert.Equal([1, 2], weeks);
        var link = _service.Url(await _service.LinkAsync(Seller, EmailTemplates.CheckInRequest, CyclePaths.Seller(Seller).Email));

        // Sellers mostly open the check-in from their phone's mail app: it must read well at 390 px.
        var phone = await chromium.NewPhonePageAsync();
        await phone.GotoAsync(link);
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Your check-in for weeks 1–2" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(phone, "checkin-mobile");

        var page = await chromium.NewDesktopPageAsync();
        await page.GotoAsync(link);
        await FillWeekAsync(page, 1, revenue: "6,400", conversations: "11");
        await FillWeekAsync(page, 2, revenue: "5,600", conversations: "9");
        await page.GetByLabel("What is working?").FillAsync("Two renewals closed early; the new pitch deck lands well.");
        await page.GetByLabel("What is not working yet?").FillAsync("Proposals wait on pricing sign-off for days.");
        await page.GetByLabel("What support would help?").FillAsync("A faster path for standard discounts.");
        await Screenshots.SaveAsync(page, "checkin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my check-in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "checkin-thanks");

        var submitted = await CyclePaths.EntryAsync(_service, Seller, "CheckInSubmitted");
        Assert.Equal([1, 2], CyclePaths.Ints(submitted.Data["weeks"]));

        // The review is held at its time; its period (12,000 of revenue against a plan of about 13,846) is what the chart draws.
        CyclePaths.AdvanceTo(_service, await CyclePaths.ReviewStartAsync(_service, Seller, 1));
        var held = await CyclePaths.EntryAsync(_service, Seller, "ReviewHeld");
        Assert.Equal(12000, held.Data["metrics"]!["revenue"]!["actual"]!.GetValue<double>());
    }

    private static async Task FillWeekAsync(IPage page, int week, string revenue, string conversations)
    {
        var fieldset = page.GetByRole(AriaRole.Group, new() { NameRegex = new Regex($"^Week {week} ") });
        await fieldset.GetByLabel("revenue (£)", new() { Exact = true }).FillAsync(revenue);
        await fieldset.GetByLabel("newConversations (conversations)", new() { Exact = true }).FillAsync(conversations);
    }
}
