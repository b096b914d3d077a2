using Microsoft.Extensions.DependencyInjection;
using ReviewFlow.Durable.Storage;
using ReviewFlow.Durable.Tests.Support;
using ReviewFlow.Durable.Tests.Worker;
using ReviewFlow.Testing;
using Xunit;

namespace ReviewFlow.Durable.Tests.Client;

/// <summary>
/// In a process that owns its task hub, raising an event to an instance whose state the process holds needs no
/// look-up of the instance's row; an instance it does not hold is still looked up, and refused when missing.
/// </summary>
public sealed class OwnedHubClientTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task RaiseEvent_ToAnInstanceTheProcessHolds_SkipsTheLookUp_WhileUnknownAndPurgedOnesAreRefused()
    {
        await using var host = await EngineHost.StartAsync(
            azurite.ConnectionString,
            azurite.NewTaskHub(),
            r => r.AddOrchestrator<CountGoesOrchestrator>(),
            configureWorker: worker =>
            {
                worker.LocalTimerDelivery = true;
                worker.OwnsTaskHub = true;
            },
            configureServices: services => services.UseVirtualClock(HostExtensions.QuarterStart));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CountGoesOrchestrator));
        await Poll.UntilRunningAsync(host, id);

        // Its row gone behind the client's back: only a look-up could notice, and the event still goes through.
        await host.Services.GetRequiredService<InstanceTable>().DeleteAsync(id, CancellationToken.None);
        await host.Client.RaiseEventAsync(id, "go", "held");
        var result = await host.WaitAsync(id);
        Assert.Equal("held", CountGoesOrchestrator.Parse(result.ReadOutputAs<string>()!).Payload);

        var unknown = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.RaiseEventAsync("never-started", "go", "lost"));
        Assert.Contains("never-started", unknown.Message, StringComparison.Ordinal);

        Assert.True(await host.Client.PurgeInstanceAsync(id));
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.RaiseEventAsync(id, "go", "after purge"));
    }
}
