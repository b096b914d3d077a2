using ReviewFlow.Durable.Storage;
using ReviewFlow.Durable.Tests.Support;
using ReviewFlow.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ReviewFlow.Durable.Tests.Worker;

public sealed class TimerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task CreateTimer_ThirteenWeeksOfVirtualTime_CompletesAtQuarterEnd()
    {
        var start = HostExtensions.QuarterStart;
        await using var host = await StartOnVirtualClockAsync(r => r.AddOrchestrator<QuarterOfWeeksOrchestrator>());

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(QuarterOfWeeksOrchestrator), 13);
        var result = await host.WaitAsync(id, seconds: 60);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(start.UtcDateTime.AddDays(91), result.ReadOutputAs<DateTime>());
    }

    [Fact]
    public async Task WaitForExternalEvent_EventBeforeThirtyDayTimeout_CompletesAndReleasesTimer()
    {
        var start = HostExtensions.QuarterStart;
        await using var host = await StartOnVirtualClockAsync(r => r.AddOrchestrator<ApprovalOrchestrator>());

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator), "x");
        await host.Client.RaiseEventAsync(id, "approve", true);
        var result = await host.WaitAsync(id);

        Assert.Equal("approved", result.ReadOutputAs<string>());
        Assert.Equal(0, await host.Services.GetRequiredService<TimerStore>().CountForInstanceAsync(id, CancellationToken.None));
        // The cancelled 30-day timeout did not pull the clock forward (the instance did not wait for it).
        Assert.True(result.CompletedAt < start.UtcDateTime.AddDays(1), $"completed at {result.CompletedAt:o}");
    }

    [Fact]
    public async Task WaitForExternalEvent_NoEvent_TimesOutAfterThirtyDays()
    {
        var start = HostExtensions.QuarterStart;
        await using var host = await StartOnVirtualClockAsync(r => r.AddOrchestrator<ApprovalOrchestrator>());

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator), "x");
        var result = await host.WaitAsync(id);

        Assert.Equal("timed out", result.ReadOutputAs<string>());
        Assert.Equal(start.UtcDateTime.AddDays(30), result.CompletedAt);
    }

    [Fact]
    public async Task CreateTimer_CancelledWhenActivityWins_InstanceCompletesWithoutWaiting()
    {
        await using var host = await EngineHost.StartAsync(
            azurite.ConnectionString, azurite.NewTaskHub(),
            r => r.AddOrchestrator<RaceTimerOrchestrator>().AddActivity<Greet>());

        // Real clock: if the cancelled 10-day timer kept the instance alive, this would time out.
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RaceTimerOrchestrator), "fast");
        var result = await host.WaitAsync(id, seconds: 30);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("hello fast", result.ReadOutputAs<string>());
        Assert.Equal(0, await host.Services.GetRequiredService<TimerStore>().CountForInstanceAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Schedule_WithStartTimeNextWeek_StaysPendingThenRunsAtThatTime()
    {
        var start = HostExtensions.QuarterStart;
        await using var host = await StartOnVirtualClockAsync(r => r.AddOrchestrator<QuarterOfWeeksOrchestrator>());

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(QuarterOfWeeksOrchestrator), 0, new StartOrchestrationOptions(StartAt: start.AddDays(7)));
        var pending = await host.Client.GetInstanceAsync(id);
        var result = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Pending, pending!.RuntimeStatus);
        Assert.Equal(start.UtcDateTime.AddDays(7), pending.ScheduledStartAt);
        Assert.Equal(start.UtcDateTime.AddDays(7), result.ReadOutputAs<DateTime>());
        Assert.Equal(start.UtcDateTime.AddDays(7), result.ScheduledStartAt);
    }

    /// <summary>A worker whose clock starts at <see cref="HostExtensions.QuarterStart"/> and jumps to due timers when idle.</summary>
    private Task<EngineHost> StartOnVirtualClockAsync(Action<DurableTaskRegistry> register)
        => EngineHost.StartAsync(
            azurite.ConnectionString,
            azurite.NewTaskHub(),
            register,
            configureServices: services => services.UseVirtualClock(HostExtensions.QuarterStart));
}
