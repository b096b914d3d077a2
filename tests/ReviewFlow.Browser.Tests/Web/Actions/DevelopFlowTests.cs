using Microsoft.Playwright;
using ReviewFlow.Browser.Tests.Support;
using ReviewFlow.Domain.Coaching;
using ReviewFlow.Functions.Tests.Web.Support;
using ReviewFlow.Integrations.Email;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ReviewFlow.Browser.Tests.Web.Actions;

/// <summary>
/// Develop, in a real browser: after a review below plan (coaching opens on the first gap under this policy) the seller
/// answers the reflection questions, and after the conversation the manager records the diagnosis and actions.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DevelopFlowTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private const string Seller = "rosa";

    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await RunningService.StartAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Coaching_SellerReflectsAndManagerRecordsNotes_PlanIsRecorded()
    {
        await CyclePaths.StartAsync(_service, Seller, CyclePaths.CoachAtFirstGap);
        await CyclePaths.DefineAsync(_service, Seller);
        await CyclePaths.AgreeAsync(_service, Seller);
        var weeks = await CyclePaths.ToCheckInAsync(_service, [Seller], 1);
        await CyclePaths.HoldReviewsAsync(_service, weeks, 1, CyclePaths.BelowPlan);

        // Reflection: the seller's view first, before anyone diagnoses.
        var reflection = await _service.LinkAsync(Seller, EmailTemplates.ReflectionRequest, CyclePaths.Seller(Seller).Email);
        var seller = await chromium.NewDesktopPageAsync();
        await seller.GotoAsync(_service.Url(reflection));
        await Expect(seller.GetByRole(AriaRole.Heading, new() { Name = "Before your conversation with Mark Whitaker" })).ToBeVisibleAsync();
        await seller.GetByLabel(CoachingPlan.ReflectionQuestions[0], new() { Exact = true }).FillAsync("Renewals slipped when two buyers changed jobs.");
        await Screenshots.SaveAsync(seller, "reflection");
        await seller.GetByRole(AriaRole.Button, new() { Name = "Send my thoughts" }).ClickAsync();
        await Expect(seller.GetByRole(AriaRole.Heading, new() { Name = "Thank you" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(seller, "reflection-thanks");

        // Coaching notes: the page takes them once the conversation is over.
        var notes = await _service.LinkAsync(Seller, EmailTemplates.CoachingPrompts, CycleSteps.Mark);
        var booked = await CyclePaths.EntryAsync(_service, Seller, "CoachingBooked");
        CyclePaths.AdvanceTo(_service, CyclePaths.Time(booked.Data["end"]).AddMinutes(1));
        var manager = await chromium.NewDesktopPageAsync();
        await manager.GotoAsync(_service.Url(notes));
        await Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "Coaching notes: Rosa Example" })).ToBeVisibleAsync();
        await manager.GetByLabel("External conditions", new() { Exact = true }).CheckAsync();
        await manager.GetByLabel("Action 1 (needed)").FillAsync("Map the new buyers at both accounts with marketing by Friday.");
        await manager.GetByLabel("Action 2 (optional)").FillAsync("Review the renewal pipeline together at the next review.");
        await Screenshots.SaveAsync(manager, "coaching-notes");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Record the notes" }).ClickAsync();
        await Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "Thank you" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(manager, "coaching-notes-thanks");

        var plan = await CyclePaths.EntryAsync(_service, Seller, "CoachingPlanRecorded");
        Assert.Equal("external", CyclePaths.Text(plan, "diagnosis"));
        Assert.Equal(2, plan.Data["actions"]!.AsArray().Count);
        Assert.Contains(await CyclePaths.JournalAsync(_service, Seller), e => e.Type == "ReflectionSubmitted");
    }
}
