using Microsoft.Playwright;
using ReviewFlow.Browser.Tests.Support;
using ReviewFlow.Functions.Tests.Web.Support;
using ReviewFlow.Integrations.Email;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ReviewFlow.Browser.Tests.Web.Actions;

/// <summary>
/// Define and Agree, in a real browser, each page opened from the link in its outbox email: the manager defines the
/// targets, the seller counter-proposes, the manager sees the diff and accepts, and the cycle moves on.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AgreementFlowTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await RunningService.StartAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task CounterProposal_SellerProposesAndManagerAccepts_CycleSettlesOnTheCounter()
    {
        var cycle = (await _service.StartQuarterAsync("ava")).Single();
        var define = await _service.LinkAsync("ava", EmailTemplates.DefineRequest, CycleSteps.Mark);
        var manager = await chromium.NewDesktopPageAsync();
        var seller = await chromium.NewDesktopPageAsync();

        // Define: Mark adjusts the pre-filled expectation set and sends it.
        await manager.GotoAsync(_service.Url(define));
        await Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "Ava Example's expectations for 2027-Q1" })).ToBeVisibleAsync();
        await Expect(manager.GetByLabel("revenue (£)", new() { Exact = true })).ToHaveValueAsync("90000");
        await manager.GetByLabel("revenue (£)", new() { Exact = true }).FillAsync("120000");
        await manager.GetByLabel("newConversationsPerWeek (conversations)", new() { Exact = true }).FillAsync("12");
        await Screenshots.SaveAsync(manager, "define");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Send to Ava Example" }).ClickAsync();
        await Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "Thank you" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(manager, "define-thanks");

        // Agree, seller: the accept link opens the same page, so the seller can still propose changes instead.
        var (accept, _) = await _service.ProposalLinksAsync("ava");
        await seller.GotoAsync(_service.Url(accept));
        await Expect(seller.GetByRole(AriaRole.Heading, new() { Name = "Your targets for 2027-Q1" })).ToBeVisibleAsync();
        await Expect(seller.GetByRole(AriaRole.Row, new() { Name = "revenue" })).ToContainTextAsync("120,000");
        await Screenshots.SaveAsync(seller, "targets");
        await seller.GetByText("Propose changes", new() { Exact = true }).ClickAsync();
        await seller.GetByLabel("revenue (£)", new() { Exact = true }).FillAsync("100000");
        await seller.GetByLabel("Why these numbers?").FillAsync("Two big renewals moved to Q2; I would rather commit to what I can land.");
        await Screenshots.SaveAsync(seller, "targets-propose");
        await seller.GetByRole(AriaRole.Button, new() { Name = "Send my proposal" }).ClickAsync();
        await Expect(seller.GetByRole(AriaRole.Heading, new() { Name = "Thank you" })).ToBeVisibleAsync();
        await Expect(seller.GetByText("You proposed changes to 1 target: revenue.")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(seller, "targets-thanks");

        // The seller's link is spent: opening it again says so instead of showing the form.
        await seller.GotoAsync(_service.Url(accept));
        await Expect(seller.GetByRole(AriaRole.Heading, new() { Name = "Already done" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(seller, "already-done");

        // Agree, manager: the counter as a diff with the seller's reason, accepted as it stands.
        var counter = await _service.LinkAsync("ava", EmailTemplates.CounterProposal, CycleSteps.Mark);
        await manager.GotoAsync(_service.Url(counter));
        await Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "Ava Example's counter-proposal" })).ToBeVisibleAsync();
        var revenue = manager.GetByRole(AriaRole.Row, new() { Name = "revenue" });
        await Expect(revenue).ToContainTextAsync("120,000");
        await Expect(revenue).ToContainTextAsync("100,000");
        await Expect(revenue).ToContainTextAsync("−20,000");
        await Expect(manager.GetByRole(AriaRole.Row, new() { Name = "newConversationsPerWeek" })).ToContainTextAsync("no change");
        await Expect(manager.GetByText("Two big renewals moved to Q2")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(manager, "counter");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Accept Ava Example's numbers" }).ClickAsync();
        await Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "Thank you" })).ToBeVisibleAsync();
        await Expect(manager.GetByText("You accepted Ava Example's counter-proposal.")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(manager, "counter-thanks");

        var agreed = await _service.WaitForAsync(cycle, "TargetsAgreed");
        Assert.Equal("ManagerAccepted", agreed.Data["settled"]!.GetValue<string>());
        Assert.Equal(100000, agreed.Data["targets"]!["revenue"]!.GetValue<double>());
        Assert.Equal(12, agreed.Data["targets"]!["newConversationsPerWeek"]!.GetValue<double>());

        // And the cycle moves on to Review: the first review is booked.
        await _service.WaitForAsync(cycle, "ReviewBooked");
    }
}
