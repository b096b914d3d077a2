using Microsoft.Extensions.DependencyInjection;
using ReviewFlow.Durable.Storage;
using ReviewFlow.Durable.Tests.Support;
using ReviewFlow.Testing;
using Xunit;

namespace ReviewFlow.Durable.Tests.Worker;

/// <summary>
/// With <see cref="DurableWorkerOptions.LocalTimerDelivery"/>, due timers skip the control queue; with
/// <see cref="DurableWorkerOptions.OwnsTaskHub"/> as well, they are found from memory instead of a table query.
/// </summary>
public sealed class LocalTimerDeliveryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TimerThenActivity_EveryWeekOfAQuarter_CompletesWithEveryTimerDeliveredLocally(bool ownsTaskHub)
    {
        await using var host = await StartAsync(r => r.AddOrchestrator<WeeklyGreetingOrchestrator>().AddActivity<Greet>(), ownsTaskHub);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WeeklyGreetingOrchestrator), 13);
        var result = await host.WaitAsync(id, seconds: 60);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(13, result.ReadOutputAs<int>());

        // Every timer went the local way. A row handed over twice (a sweep racing the end of its episode)
        // is dropped by the instance as a duplicate TimerFired, so the count may exceed the timers.
        Assert.True(host.Services.GetRequiredService<EngineCounters>().LocalTimerDeliveries >= 13);

        // Each row was removed once its episode (and the activity it guarded) was done.
        Assert.Equal(0, await host.Services.GetRequiredService<TimerStore>().CountForInstanceAsync(id, CancellationToken.None));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DelayedEventAndDelayedStart_LocalDelivery_ArriveAtTheirTimes(bool ownsTaskHub)
    {
        await using var host = await StartAsync(r => r.AddOrchestrator<CountGoesOrchestrator>(), ownsTaskHub);
        var deliverAt = HostExtensions.QuarterStart.AddDays(2);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(CountGoesOrchestrator), null, new StartOrchestrationOptions(StartAt: HostExtensions.QuarterStart.AddDays(1)));
        await host.Client.RaiseEventAsync(id, "go", "local", deliverAt, "answer-1");
        var result = await host.WaitAsync(id, seconds: 60);

        var (payload, at, count) = CountGoesOrchestrator.Parse(result.ReadOutputAs<string>()!);
        Assert.Equal("local", payload);
        Assert.Equal(deliverAt.UtcDateTime, at);
        Assert.Equal(1, count);
        Assert.True(host.Services.GetRequiredService<EngineCounters>().LocalTimerDeliveries >= 3); // start, event, 10-day timeout
    }

    [Fact]
    public async Task OwnsTaskHub_DelayedStartScheduledBeforeTheWorkerStarts_IsReadAtStartAndRuns()
    {
        // The timer row is written before the worker reads the table into memory: only that read can find it.
        await using var host = await StartAsync(r => r.AddOrchestrator<CountGoesOrchestrator>(), ownsTaskHub: true, startWorker: false);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(CountGoesOrchestrator), null, new StartOrchestrationOptions(StartAt: HostExtensions.QuarterStart.AddDays(1)));
        await host.Client.RaiseEventAsync(id, "go", "early", HostExtensions.QuarterStart.AddDays(2), "answer-1");

        await host.Worker.StartAsync(CancellationToken.None);
        var result = await host.WaitAsync(id, seconds: 60);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("early", CountGoesOrchestrator.Parse(result.ReadOutputAs<string>()!).Payload);
        Assert.Equal(0, await host.Services.GetRequiredService<TimerStore>().CountForInstanceAsync(id, CancellationToken.None));
    }

    private Task<EngineHost> StartAsync(Action<DurableTaskRegistry> register, bool ownsTaskHub = false, bool startWorker = true)
        => EngineHost.StartAsync(
            azurite.ConnectionString,
            azurite.NewTaskHub(),
            register,
            configureWorker: worker =>
            {
                worker.LocalTimerDelivery = true;
                worker.OwnsTaskHub = ownsTaskHub;
            },
            configureServices: services => services.UseVirtualClock(HostExtensions.QuarterStart),
            startWorker: startWorker);
}

/// <summary>Waits a week, then greets (an activity), <c>weeks</c> times; returns how many greetings it got.</summary>
public sealed class WeeklyGreetingOrchestrator : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int weeks)
    {
        var greetings = 0;
        for (var week = 1; week <= weeks; week++)
        {
            await context.CreateTimer(TimeSpan.FromDays(7), CancellationToken.None);
            var greeting = await context.CallActivityAsync<string>(nameof(Greet), $"week {week}");
            greetings += greeting == $"hello week {week}" ? 1 : 0;
        }

        return greetings;
    }
}
