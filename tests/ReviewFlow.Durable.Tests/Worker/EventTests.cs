using ReviewFlow.Durable.Tests.Support;
using ReviewFlow.Testing;
using Xunit;

namespace ReviewFlow.Durable.Tests.Worker;

public sealed class EventTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task RaiseEvent_BeforeOrchestratorWaits_IsBufferedAndDelivered()
    {
        await using var host = await EngineHost.StartAsync(azurite.ConnectionString, azurite.NewTaskHub(), r => r
            .AddOrchestrator<EchoAfterWaitOrchestrator>().AddActivity<Greet>());

        // Raised right after scheduling: it reaches the instance before (or with) its start.
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EchoAfterWaitOrchestrator), "bo");
        await host.Client.RaiseEventAsync(id, "go", "early bird");
        var result = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("hello bo+early bird", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ContinueAsNew_WithUnconsumedEvents_CarriesThemIntoNextExecution()
    {
        await using var host = await EngineHost.StartAsync(azurite.ConnectionString, azurite.NewTaskHub(), r => r
            .AddOrchestrator<TickCounterOrchestrator>());

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TickCounterOrchestrator), 0);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => host.Client.RaiseEventAsync(id, "tick", 1)));
        var result = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(3, result.ReadOutputAs<int>());
        // The last execution's history starts fresh: ContinueAsNew keeps replays short.
        var history = await host.Client.GetHistoryAsync(id);
        Assert.Single(history.OfType<History.ExecutionStarted>());
    }

    [Fact]
    public async Task RaiseEvent_UnknownInstance_ThrowsNamingIt()
    {
        await using var host = await EngineHost.StartAsync(azurite.ConnectionString, azurite.NewTaskHub(), r => { }, startWorker: false);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.RaiseEventAsync("nobody-home", "go"));

        Assert.Contains("nobody-home", error.Message, StringComparison.Ordinal);
    }
}
