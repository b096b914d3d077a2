using Microsoft.Extensions.DependencyInjection;
using ReviewFlow.Durable.Storage;
using ReviewFlow.Durable.Tests.Support;
using ReviewFlow.Testing;
using Xunit;

namespace ReviewFlow.Durable.Tests.Worker;

/// <summary>With <see cref="DurableWorkerOptions.LocalTimerDelivery"/>, due timers skip the control queue.</summary>
public sealed class LocalTimerDeliveryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task TimerThenActivity_EveryWeekOfAQuarter_CompletesWithEveryTimerDeliveredLocally()
    {
        await using var host = await StartAsync(r => r.AddOrchestrator<WeeklyGreetingOrchestrator>().AddActivity<Greet>());

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

    [Fact]
    public async Task DelayedEventAndDelayedStart_LocalDelivery_ArriveAtTheirTimes()
    {
        await using var host = await StartAsync(r => r.AddOrchestrator<CountGoesOrchestrator>());
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

    private Task<EngineHost> StartAsync(Action<DurableTaskRegistry> register)
        => EngineHost.StartAsync(
            azurite.ConnectionString,
            azurite.NewTaskHub(),
            register,
            configureWorker: worker => worker.LocalTimerDelivery = true,
            configureServices: services => services.UseVirtualClock(HostExtensions.QuarterStart));
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
