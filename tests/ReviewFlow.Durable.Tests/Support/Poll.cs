using System.Diagnostics;
using Xunit;

namespace ReviewFlow.Durable.Tests.Support;

/// <summary>Waits for a condition the engine brings about in the background, failing the test after a generous bound.</summary>
public static class Poll
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    public static Task UntilAsync(Func<bool> condition, string what) => UntilAsync(() => Task.FromResult(condition()), what);

    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < Bound, $"Timed out waiting for {what}.");
            await Task.Delay(20);
        }
    }

    /// <summary>Until the instance is Running (started, not yet finished).</summary>
    public static Task UntilRunningAsync(EngineHost host, string instanceId)
        => UntilAsync(async () => (await host.Client.GetInstanceAsync(instanceId))?.RuntimeStatus == OrchestrationRuntimeStatus.Running, $"{instanceId} to start");
}
