using System.Diagnostics;

using ReviewFlow.Bench.Engine;
using ReviewFlow.Bench.Measurement;
using ReviewFlow.Bench.Workloads;

namespace ReviewFlow.Bench.Running;

/// <summary>
/// Runs a few instances end to end before measuring, so JIT compilation, connection set-up and Azurite's own
/// warm-up do not land in the measured window (they would flatter the N=1000 / N=100 ratio).
/// </summary>
internal static class Warmup
{
    public static async Task RunAsync(BenchEngine engine, Workload workload, int count, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return;
        }

        var ids = Enumerable.Range(0, count).Select(InstanceIds.Warmup).ToArray();
        await Task.WhenAll(ids.Select((id, index) => engine.Client.ScheduleNewOrchestrationInstanceAsync(
            workload.OrchestratorName, workload.InputFor(index), new Durable.StartOrchestrationOptions(InstanceId: id), cancellationToken)));
        await WaitAllAsync(engine, workload, ids, cancellationToken);
        await WaitUntilIdleAsync(engine, cancellationToken);
    }

    private static async Task WaitAllAsync(BenchEngine engine, Workload workload, string[] ids, CancellationToken cancellationToken)
    {
        ObserverTraffic.MarkCurrentFlow();
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        guard.CancelAfter(TimeSpan.FromMinutes(2));
        for (var index = 0; index < ids.Length; index++)
        {
            var done = await engine.ObserverClient.WaitForInstanceCompletionAsync(ids[index], getInputsAndOutputs: true, guard.Token);
            if (done.RuntimeStatus != Durable.OrchestrationRuntimeStatus.Completed || done.ReadOutputAs<long>() != workload.ExpectedOutputFor(index))
            {
                throw new BenchFailedException($"Warm-up instance {ids[index]} ended {done.RuntimeStatus} with output '{done.SerializedOutput}' {done.FailureDetails}.");
            }
        }
    }

    /// <summary>The last episode's message deletes follow its row update; let them land before the baseline is taken.</summary>
    private static async Task WaitUntilIdleAsync(BenchEngine engine, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (!engine.Worker.IsIdle && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20, cancellationToken);
        }

        await Task.Delay(200, cancellationToken);
    }
}
