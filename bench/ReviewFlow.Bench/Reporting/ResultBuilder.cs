using ReviewFlow.Bench.Measurement;
using ReviewFlow.Bench.Running;
using ReviewFlow.Bench.Workloads;

namespace ReviewFlow.Bench.Reporting;

/// <summary>Turns raw measurements into <see cref="BenchResult"/>.</summary>
internal static class ResultBuilder
{
    public static BenchResult Build(BenchSettings settings, Workload workload, RunMeasurements run)
    {
        var n = settings.Orchestrations;
        // Engine timestamps and ours come from the same wall clock, so the window is first schedule call to the
        // last CompletedAt: the completion poll interval does not stretch it.
        var lastCompletion = run.Timings.Max(t => t.CompletedAt);
        var wall = (lastCompletion - run.FirstScheduleAt.UtcDateTime).TotalSeconds;
        var cpuWindow = run.Detected.TotalSeconds;
        return new BenchResult(
            run.FirstScheduleAt,
            settings.Mode.ToString().ToLowerInvariant(),
            workload.Description,
            n,
            workload.ActivitiesPerOrchestration,
            settings.Warmup,
            new RunConfiguration(settings.Concurrency, settings.ControlQueues, settings.MaxPollingInterval?.TotalMilliseconds, settings.ScheduleParallelism, settings.CompletionPollInterval.TotalMilliseconds),
            Round(wall, 3),
            Round(run.Scheduling.TotalSeconds, 3),
            Round(run.Detected.TotalSeconds, 3),
            Round(n / wall, 1),
            Round(n * workload.ActivitiesPerOrchestration / wall, 1),
            Latency(run.Timings.Select(t => (t.CompletedAt - t.CreatedAt).TotalMilliseconds)),
            Latency(run.Timings.Select(t => (t.CompletedAt - t.ScheduledAt.UtcDateTime).TotalMilliseconds)),
            run.EngineOperations,
            Round((double)run.EngineOperations / n, 2),
            run.ObserverOperations,
            Operations(run.Traffic.Where(t => !t.Observer), n),
            new CpuSummary(
                Round(run.Cpu.Bench.TotalSeconds, 2),
                Round(run.Cpu.Azurite.TotalSeconds, 2),
                Round(Math.Max(0, run.Cpu.Others.TotalSeconds), 2),
                Round(run.Cpu.Bench.TotalSeconds / cpuWindow, 2),
                Round(run.Cpu.Azurite.TotalSeconds / cpuWindow, 2),
                Round(Math.Max(0, run.Cpu.Others.TotalSeconds) / cpuWindow, 2)),
            run.Conflicts,
            run.Warnings,
            EngineBuild.Describe(),
            MachineInfo.Current());
    }

    private static LatencySummary Latency(IEnumerable<double> milliseconds)
    {
        var sorted = Percentiles.Sorted(milliseconds);
        return new LatencySummary(
            Round(sorted[0], 1), Round(Percentiles.Of(sorted, 50), 1), Round(Percentiles.Of(sorted, 95), 1), Round(sorted[^1], 1));
    }

    private static List<OperationLine> Operations(IEnumerable<RequestKindTotals> traffic, int orchestrations)
        => [.. traffic
            .OrderByDescending(t => t.Count)
            .Select(t =>
            {
                var sorted = Percentiles.Sorted(t.DurationsMs);
                return new OperationLine(
                    t.Kind,
                    t.Count,
                    Round((double)t.Count / orchestrations, 2),
                    Round(sorted.Length == 0 ? 0 : sorted.Average(), 2),
                    Round(Percentiles.Of(sorted, 95), 2),
                    t.NotSuccess);
            })];

    private static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
