using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using ReviewFlow.Durable.Storage;
using ReviewFlow.Durable.Time;

namespace ReviewFlow.Durable.Tests.Support;

/// <summary>Small conveniences for wiring test hosts.</summary>
public static class HostExtensions
{
    /// <summary>Registers a virtual clock as the engine clock, so durable timers are jumped over when idle.</summary>
    public static VirtualClock UseVirtualClock(this IServiceCollection services, DateTimeOffset start)
    {
        var clock = new VirtualClock(start);
        services.AddSingleton<TimeProvider>(clock);
        return clock;
    }

    /// <summary>The instance's state row as stored.</summary>
    public static async Task<TableEntity> StateRowAsync(this EngineHost host, string instanceId)
    {
        var table = host.Services.GetRequiredService<TaskHubStorage>().History;
        var (partitionKey, rowKey) = InstanceStore.StateRowOf(instanceId);
        return (await table.GetEntityAsync<TableEntity>(partitionKey, rowKey)).Value;
    }

    public static readonly DateTimeOffset QuarterStart = new(2027, 1, 4, 8, 0, 0, TimeSpan.Zero);
}
