using ReviewFlow.Durable.Tests.Support;
using ReviewFlow.Testing;
using Xunit;

namespace ReviewFlow.Durable.Tests.Worker;

/// <summary>Instances record their version; old and new orchestrator code run side by side.</summary>
public sealed class VersioningTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Flow = "ReviewFlowCycle";

    [Fact]
    public async Task Registry_TwoVersions_EachInstanceRunsTheVersionItStartedOn()
    {
        var hub = azurite.NewTaskHub();
        string oldInstance;
        // Deployment 1 knows only version 1; an instance starts and waits.
        await using (var before = await EngineHost.StartAsync(azurite.ConnectionString, hub, r => r
            .AddOrchestrator<VersionOneOrchestrator>(Flow, "1").AddActivity<Greet>().AddActivity<Square>(), keepTaskHub: true))
        {
            oldInstance = await before.Client.ScheduleNewOrchestrationInstanceAsync(Flow, "a");
            await WaitUntilRunningAsync(before.Client, oldInstance);
        }

        // Deployment 2 ships version 2 next to version 1.
        await using var after = await EngineHost.StartAsync(azurite.ConnectionString, hub, r => r
            .AddOrchestrator<VersionOneOrchestrator>(Flow, "1")
            .AddOrchestrator<VersionTwoOrchestrator>(Flow, "2")
            .AddActivity<Greet>().AddActivity<Square>());
        var newInstance = await after.Client.ScheduleNewOrchestrationInstanceAsync(Flow, "b");
        await WaitUntilRunningAsync(after.Client, newInstance);
        await after.Client.RaiseEventAsync(oldInstance, "continue", "go");
        await after.Client.RaiseEventAsync(newInstance, "continue", "go");

        var oldResult = await after.WaitAsync(oldInstance);
        var newResult = await after.WaitAsync(newInstance);
        Assert.Equal("v1:1", oldResult.ReadOutputAs<string>());
        Assert.Equal("1", oldResult.Version);
        Assert.Equal("v2:2", newResult.ReadOutputAs<string>());
        Assert.Equal("2", newResult.Version);
    }

    [Fact]
    public async Task Schedule_ExplicitOldVersion_RunsThatVersion()
    {
        await using var host = await EngineHost.StartAsync(azurite.ConnectionString, azurite.NewTaskHub(), r => r
            .AddOrchestrator<VersionOneOrchestrator>(Flow, "1")
            .AddOrchestrator<VersionTwoOrchestrator>(Flow, "2")
            .AddActivity<Greet>().AddActivity<Square>());

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(Flow, "c", new StartOrchestrationOptions(Version: "1"));
        await WaitUntilRunningAsync(host.Client, id);
        await host.Client.RaiseEventAsync(id, "continue", "go");

        Assert.Equal("v1:1", (await host.WaitAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Replay_VersionMissingFromWorker_FailsAfterRetriesNamingTheVersion()
    {
        await using var host = await EngineHost.StartAsync(
            azurite.ConnectionString, azurite.NewTaskHub(),
            r => r.AddOrchestrator<VersionOneOrchestrator>(Flow, "1").AddActivity<Greet>(),
            configureWorker: w => w.MaxDequeueCount = 1);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(Flow, "d", new StartOrchestrationOptions(Version: "7"));
        var result = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("version '7' is not registered", result.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    private static async Task WaitUntilRunningAsync(DurableTaskClient client, string id)
    {
        for (var i = 0; i < 300; i++)
        {
            if ((await client.GetInstanceAsync(id))?.RuntimeStatus == OrchestrationRuntimeStatus.Running)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{id} never started running.");
    }
}
