using System.Diagnostics;

using ReviewFlow.Bench.Measurement;
using ReviewFlow.Durable.Storage;

namespace ReviewFlow.Bench.Running;

/// <summary>
/// One progress line a second on stderr, so stdout stays the result alone. Besides counts it shows, for the
/// last second, each process's CPU and the thread pool, which tell "busy" apart from "waiting" while it happens.
/// </summary>
internal static class ProgressReporter
{
    public static async Task RunAsync(
        RunProgress progress, StorageOperationCounter engineOperations, long operationsBefore, CpuMeter cpu, int azuriteProcessId, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        var last = (Time: TimeSpan.Zero, Operations: operationsBefore, Cpu: cpu.Read());
        using var ticks = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await ticks.WaitForNextTickAsync(cancellationToken))
            {
                var now = (Time: elapsed.Elapsed, Operations: engineOperations.Count, Cpu: cpu.Read());
                var seconds = (now.Time - last.Time).TotalSeconds;
                var cpu1 = now.Cpu - last.Cpu;
                Console.Error.WriteLine(
                    $"[bench] {now.Time.TotalSeconds,6:0.0}s  scheduled {progress.Scheduled}/{progress.Total}  "
                    + $"pending {progress.Pending}  running {progress.Running}  finished {progress.Finished}  "
                    + $"engine ops {now.Operations - operationsBefore} (+{(now.Operations - last.Operations) / seconds:0}/s)  "
                    + $"cores: bench {cpu1.Bench.TotalSeconds / seconds:0.00} azurite {cpu1.Azurite.TotalSeconds / seconds:0.00} others {Math.Max(0, cpu1.Others.TotalSeconds) / seconds:0.00}  "
                    + $"threads {ThreadPool.ThreadCount} queued {ThreadPool.PendingWorkItemCount}  azurite sockets {OpenSockets.Of(azuriteProcessId)}");
                last = now;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the runner once the measured part is over.
        }
    }
}
