using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReviewFlow.Bench.Reporting;

/// <summary>Writes the result to stdout: a readable summary, then the same figures as one JSON line (last line, for scripts).</summary>
internal static class ResultPrinter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // NaN (an empty percentile) must not make serialization throw after a long run.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Print(BenchResult r)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        var config = r.Configuration;
        text.AppendLine(c, $"ReviewFlow durable engine benchmark: {r.Orchestrations} x {r.Workload} (+{r.Warmup} warm-up, not measured)");
        text.AppendLine(c, $"  machine      {r.Machine}");
        text.AppendLine(c, $"  engine       {r.EngineBuild}");
        text.AppendLine(c, $"  worker       concurrency {config.Concurrency?.ToString(c) ?? "default"}, control queues {config.ControlQueues?.ToString(c) ?? "default"}, "
            + $"max polling interval {(config.MaxPollingIntervalMs is { } ms ? ms.ToString(c) + " ms" : "default")}; schedule parallelism {config.ScheduleParallelism}");
        text.AppendLine(c, $"  wall time    {r.WallSeconds:0.000} s from first schedule to last CompletedAt (scheduling took {r.ScheduleSeconds:0.000} s; all seen finished at {r.DetectedSeconds:0.000} s)");
        text.AppendLine(c, $"  throughput   {r.OrchestrationsPerSecond:0.0} orchestrations/s, {r.ActivitiesPerSecond:0.0} activities/s");
        text.AppendLine(c, $"  latency      CreatedAt -> CompletedAt: median {r.LatencyMs.Median:0} ms, p95 {r.LatencyMs.P95:0} ms (min {r.LatencyMs.Min:0}, max {r.LatencyMs.Max:0})");
        text.AppendLine(c, $"               schedule call -> CompletedAt: median {r.ScheduleToCompleteMs.Median:0} ms, p95 {r.ScheduleToCompleteMs.P95:0} ms (min {r.ScheduleToCompleteMs.Min:0}, max {r.ScheduleToCompleteMs.Max:0})");
        text.AppendLine(c, $"  storage ops  {r.StorageOperationsPerOrchestration:0.00} per orchestration ({r.EngineStorageOperations} engine requests incl. scheduling; benchmark polling made {r.ObserverStorageOperations} more, excluded)");
        text.AppendLine(c, $"  CPU          bench process {r.Cpu.BenchCores:0.00} cores, Azurite {r.Cpu.AzuriteCores:0.00} cores, other processes {r.Cpu.OthersCores:0.00} cores, of {r.Machine.Cores}");
        text.AppendLine(c, $"  health       {r.Conflicts} commit conflicts, {r.EngineWarnings} engine warnings");
        AppendBreakdown(text, r);
        Console.Out.Write(text.ToString());
        Console.Out.WriteLine(JsonSerializer.Serialize(r, Json));
    }

    private static void AppendBreakdown(StringBuilder text, BenchResult r)
    {
        var c = CultureInfo.InvariantCulture;
        if (r.EngineOperationsByKind.Count == 0)
        {
            text.AppendLine("  storage requests by kind: not recorded (--no-breakdown)");
            return;
        }

        text.AppendLine("  engine storage requests by kind (HTTP attempts, client-side duration):");
        text.AppendLine(c, $"    {"kind",-40} {"count",8} {"per orch",9} {"mean ms",8} {"p95 ms",8} {"non-2xx",8}");
        foreach (var line in r.EngineOperationsByKind)
        {
            text.AppendLine(c, $"    {line.Kind,-40} {line.Count,8} {line.PerOrchestration,9:0.00} {line.MeanMs,8:0.00} {line.P95Ms,8:0.00} {line.NotSuccess,8}");
        }

        var attempts = r.EngineOperationsByKind.Sum(l => l.Count);
        text.AppendLine(c, $"    {"total",-40} {attempts,8} {(double)attempts / r.Orchestrations,9:0.00}");
    }
}
