using ReviewFlow.Durable.Tests.Support;
using ReviewFlow.Testing;
using Xunit;

namespace ReviewFlow.Durable.Tests.Worker;

public sealed class DelayedEventTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset DeliverAt = HostExtensions.QuarterStart.AddDays(3).AddHours(7);

    [Fact]
    public async Task RaiseEvent_WithDeliverAt_ArrivesAtThatTimeOnTheDurableClock()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CountGoesOrchestrator), null);

        await host.Client.RaiseEventAsync(id, "go", "later", DeliverAt, "answer-1");
        var result = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var (payload, at, count) = CountGoesOrchestrator.Parse(result.ReadOutputAs<string>()!);
        Assert.Equal("later", payload);
        Assert.Equal(DeliverAt.UtcDateTime, at);
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task RaiseEvent_SameEventIdTwice_IsDeliveredOnce()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CountGoesOrchestrator), null);

        // A retried caller (a redelivered activity) raises the same answer again.
        await host.Client.RaiseEventAsync(id, "go", "once", DeliverAt, "answer-1");
        await host.Client.RaiseEventAsync(id, "go", "once", DeliverAt, "answer-1");
        var result = await host.WaitAsync(id);

        Assert.Equal(1, CountGoesOrchestrator.Parse(result.ReadOutputAs<string>()!).Count);
    }

    [Fact]
    public async Task RaiseEvent_DifferentEventIds_AreBothDelivered()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CountGoesOrchestrator), null);

        await host.Client.RaiseEventAsync(id, "go", "first", DeliverAt, "answer-1");
        await host.Client.RaiseEventAsync(id, "go", "second", DeliverAt.AddDays(1), "answer-2");
        var result = await host.WaitAsync(id);

        var (payload, _, count) = CountGoesOrchestrator.Parse(result.ReadOutputAs<string>()!);
        Assert.Equal("first", payload);
        Assert.Equal(2, count);
    }

    [Fact]
    public async Task RaiseEvent_DeliverAtInThePast_IsSentAtOnce()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CountGoesOrchestrator), null);

        await host.Client.RaiseEventAsync(id, "go", "now", HostExtensions.QuarterStart.AddDays(-1), "answer-1");
        var result = await host.WaitAsync(id);

        Assert.Equal(HostExtensions.QuarterStart.UtcDateTime, CountGoesOrchestrator.Parse(result.ReadOutputAs<string>()!).At);
    }

    private Task<EngineHost> StartAsync()
        => EngineHost.StartAsync(
            azurite.ConnectionString,
            azurite.NewTaskHub(),
            r => r.AddOrchestrator<CountGoesOrchestrator>(),
            configureServices: services => services.UseVirtualClock(HostExtensions.QuarterStart));
}

/// <summary>Waits for "go", notes when it came, then counts a second "go" within ten days.</summary>
public sealed class CountGoesOrchestrator : TaskOrchestrator<object?, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
    {
        var payload = await context.WaitForExternalEvent<string>("go");
        var at = context.CurrentUtcDateTime;
        var count = 1;
        try
        {
            await context.WaitForExternalEvent<string>("go", TimeSpan.FromDays(10));
            count++;
        }
        catch (TimeoutException)
        {
        }

        return $"{payload}|{at.Ticks}|{count}";
    }

    public static (string Payload, DateTime At, int Count) Parse(string output)
    {
        var parts = output.Split('|');
        return (parts[0], new DateTime(long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc), int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
    }
}
