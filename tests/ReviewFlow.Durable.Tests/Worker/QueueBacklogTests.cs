using Microsoft.Extensions.DependencyInjection;
using ReviewFlow.Durable.Storage;
using ReviewFlow.Durable.Tests.Support;
using ReviewFlow.Testing;
using Xunit;

namespace ReviewFlow.Durable.Tests.Worker;

/// <summary>
/// A process that owns its task hub knows how many messages wait on its queues without asking storage
/// (<see cref="QueueBacklog"/>), and its virtual clock relies on that count before every jump.
/// </summary>
public sealed class QueueBacklogTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task EventsRaisedWhileATimerIsPending_ArriveBeforeVirtualTimeMovesOn()
    {
        // Dispatchers that back off to a poll every 2 s once idle: a queued message waits up to that long.
        await using var host = await StartAsync(r => r.AddOrchestrator<CountGoesOrchestrator>(), idlePolling: TimeSpan.FromSeconds(2));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CountGoesOrchestrator));
        await Poll.UntilRunningAsync(host, id);
        await Task.Delay(TimeSpan.FromSeconds(3)); // long enough for the polls to back off fully

        // The events first, then something for the clock to jump to: idle with an empty backlog, it would move 30
        // days on at once, long before a dispatcher had received the two events. (The other order would be a race
        // in the test itself: nothing is queued while the client looks the instance up.)
        await host.Client.RaiseEventAsync(id, "go", "first");
        await host.Client.RaiseEventAsync(id, "go", "second");
        await host.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(CountGoesOrchestrator), null, new StartOrchestrationOptions(StartAt: HostExtensions.QuarterStart.AddDays(30)));
        var result = await host.WaitAsync(id);

        var (payload, at, count) = CountGoesOrchestrator.Parse(result.ReadOutputAs<string>()!);
        Assert.Equal("first", payload);
        Assert.True(at < HostExtensions.QuarterStart.AddDays(1).UtcDateTime, $"the first event arrived at {at:o}, after the clock had moved on");
        Assert.Equal(2, count); // the second came inside its 10-day wait, not after a jump past it
    }

    [Fact]
    public async Task MessagesThroughEveryQueue_AreCountedUntilDeleted()
    {
        // Activities through the work-item queue too, so both kinds of queue are counted.
        await using var host = await StartAsync(
            r => r.AddOrchestrator<CountGoesOrchestrator>().AddOrchestrator<FanOutOrchestrator>().AddActivity<Square>(),
            startWorker: false,
            localActivities: false);
        var backlog = host.Services.GetRequiredService<QueueBacklog>();
        var storage = host.Services.GetRequiredService<TaskHubStorage>();
        var waiting = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CountGoesOrchestrator));
        await host.Client.RaiseEventAsync(waiting, "go", "only");
        var fanOut = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOutOrchestrator), 5);

        Assert.Equal(3, backlog.Count);
        Assert.Equal(3, await storage.CountQueuedMessagesAsync(CancellationToken.None));

        await host.StartWorkerAsync();
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.WaitAsync(fanOut)).RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.WaitAsync(waiting)).RuntimeStatus);
        await Poll.UntilAsync(() => backlog.Count == 0, "the backlog to drain");
        Assert.Equal(0, await storage.CountQueuedMessagesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task MessagesLeftByAnEarlierRun_AreFoundWhenTheWorkerStarts()
    {
        var hub = azurite.NewTaskHub();
        string id;
        await using (var earlier = await StartAsync(r => r.AddOrchestrator<CountGoesOrchestrator>(), startWorker: false, taskHub: hub, keepTaskHub: true))
        {
            id = await earlier.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CountGoesOrchestrator));
            await earlier.Client.RaiseEventAsync(id, "go", "left over");
        }

        await using var later = await StartAsync(r => r.AddOrchestrator<CountGoesOrchestrator>(), startWorker: false, taskHub: hub);
        var backlog = later.Services.GetRequiredService<QueueBacklog>();
        Assert.Equal(0, backlog.Count);
        await later.StartWorkerAsync();

        var (payload, _, count) = CountGoesOrchestrator.Parse((await later.WaitAsync(id)).ReadOutputAs<string>()!);
        Assert.Equal(("left over", 1), (payload, count));
        await Poll.UntilAsync(() => backlog.Count == 0, "the two messages found at start to be counted and then deleted");
    }

    private Task<EngineHost> StartAsync(
        Action<DurableTaskRegistry> register,
        bool startWorker = true,
        bool localActivities = true,
        string? taskHub = null,
        bool keepTaskHub = false,
        TimeSpan? idlePolling = null)
        => EngineHost.StartAsync(
            azurite.ConnectionString,
            taskHub ?? azurite.NewTaskHub(),
            register,
            configureWorker: worker =>
            {
                worker.LocalTimerDelivery = true;
                worker.OwnsTaskHub = true;
                worker.LocalActivityDispatch = localActivities;
                worker.MaxPollingInterval = idlePolling ?? worker.MaxPollingInterval;
            },
            configureServices: services => services.UseVirtualClock(HostExtensions.QuarterStart),
            startWorker: startWorker,
            keepTaskHub: keepTaskHub);
}
