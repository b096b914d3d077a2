using ReviewFlow.Functions.Tests.Web.Support;
using ReviewFlow.Workflows.Cycle;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Actions.Coaching;

/// <summary>
/// Four sellers in coaching (opened on their first review below plan), each with the reflection in and the manager's
/// prompts sent. Their conversations were booked one after another; the clock is set to the end of the third, so three
/// conversations are over and the last is still ahead. Which seller got which slot is decided by the calendar, so the
/// roles are handed out by meeting order.
/// </summary>
public sealed class AfterCoachingFixture : IAsyncLifetime
{
    private static readonly string[] Sellers = ["nina", "noah", "nell", "ned"];

    private RunningService? _service;

    public RunningService Service => _service ?? throw new InvalidOperationException("The service is not started.");

    /// <summary>Conversation over: submits valid notes.</summary>
    public string Valid { get; private set; } = "";

    /// <summary>Conversation over: submits twice.</summary>
    public string Twice { get; private set; } = "";

    /// <summary>Conversation over: takes every hostile submission.</summary>
    public string Hostile { get; private set; } = "";

    /// <summary>Conversation still ahead by the service's clock.</summary>
    public string Later { get; private set; } = "";

    /// <summary>When the last conversation starts and ends.</summary>
    public (DateTime Start, DateTime End) LaterMeeting { get; private set; }

    public async Task InitializeAsync()
    {
        _service = await RunningService.StartAsync();
        foreach (var seller in Sellers)
        {
            await CyclePaths.StartAsync(Service, seller, CyclePaths.CoachAtFirstGap);
        }

        await CyclePaths.ToReviewsAsync(Service, Sellers);
        var weeks = await CyclePaths.ToCheckInAsync(Service, Sellers, 1);
        await CyclePaths.HoldReviewsAsync(Service, weeks, 1, CyclePaths.BelowPlan);
        var meetings = new List<(string Seller, DateTime Start, DateTime End)>();
        foreach (var seller in Sellers)
        {
            await Service.Client.RaiseEventAsync(CyclePaths.CycleId(seller), nameof(ReflectionSubmitted), new ReflectionSubmitted(["Budgets paused.", "", "", "", ""]));
            var booked = await CyclePaths.EntryAsync(Service, seller, "CoachingBooked");
            meetings.Add((seller, CyclePaths.Time(booked.Data["start"]), CyclePaths.Time(booked.Data["end"])));
        }

        foreach (var seller in Sellers)
        {
            await CyclePaths.EntryAsync(Service, seller, "ReflectionSubmitted");
        }

        var order = meetings.OrderBy(m => m.End).ToList();
        (Valid, Twice, Hostile, Later) = (order[0].Seller, order[1].Seller, order[2].Seller, order[3].Seller);
        LaterMeeting = (order[3].Start, order[3].End);
        CyclePaths.AdvanceTo(Service, order[2].End);
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }
}
