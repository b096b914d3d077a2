using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using ReviewFlow.Durable.Storage;
using ReviewFlow.Durable.Tests.Support;
using ReviewFlow.Testing;
using Xunit;

namespace ReviewFlow.Durable.Tests.Worker;

/// <summary>
/// A worker that owns its task hub keeps its orchestrations' timers in memory only; the record of each is the
/// instance's history, from which the next worker on the hub puts them back.
/// </summary>
public sealed class OwnedHubRecoveryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task TimerPendingWhenTheWorkerStops_HasNoRow_AndTheNextWorkerFiresItFromHistory()
    {
        var hub = azurite.NewTaskHub();
        string id;
        await using (var first = await StartAsync(hub, virtualClock: false, keepTaskHub: true))
        {
            // Real time: the week-long timer cannot fire while this worker runs.
            id = await first.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WeeklyGreetingOrchestrator), 2);
            var timers = first.Services.GetRequiredService<TimerStore>();
            await Poll.UntilAsync(async () => await timers.CountForInstanceAsync(id, CancellationToken.None) == 1, "the first timer");

            var rows = first.Services.GetRequiredService<TaskHubStorage>().Timers.QueryAsync<TableEntity>(select: ["RowKey"]);
            Assert.Empty(await rows.ToListAsync());
        }

        // A virtual clock from the next quarter on: the restored timer is due at once, the second one is jumped to.
        await using var next = await StartAsync(hub, virtualClock: true, keepTaskHub: false);
        var result = await next.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(2, result.ReadOutputAs<int>());
        Assert.Equal(0, await next.Services.GetRequiredService<TimerStore>().CountForInstanceAsync(id, CancellationToken.None));
    }

    private Task<EngineHost> StartAsync(string hub, bool virtualClock, bool keepTaskHub)
        => EngineHost.StartAsync(
            azurite.ConnectionString,
            hub,
            r => r.AddOrchestrator<WeeklyGreetingOrchestrator>().AddActivity<Greet>(),
            configureWorker: worker =>
            {
                worker.LocalTimerDelivery = true;
                worker.OwnsTaskHub = true;
            },
            configureServices: services =>
            {
                if (virtualClock)
                {
                    services.UseVirtualClock(HostExtensions.QuarterStart);
                }
            },
            keepTaskHub: keepTaskHub);
}
