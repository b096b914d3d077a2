using System.Diagnostics;

using ReviewFlow.Bench.Engine;
using ReviewFlow.Bench.Measurement;
using ReviewFlow.Bench.Reporting;
using ReviewFlow.Bench.Workloads;
using ReviewFlow.DevStorage;

namespace ReviewFlow.Bench.Running;

/// <summary>
/// One run: fresh Azurite, engine on a new task hub, warm-up, then the measured window (schedule all,
/// wait for all), then verification and the report.
/// </summary>
internal static class BenchRunner
{
    public static async Task<int> RunAndReportAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            ResultPrinter.Print(await RunAsync(settings, cancellationToken));
            return 0;
        }
        catch (BenchFailedException failed)
        {
            await Console.Error.WriteLineAsync($"[bench] FAILED: {failed.Message}");
            return 1;
        }
    }

    private static async Task<BenchResult> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var workload = Workload.For(settings);
        var clock = TimeProvider.System;
        var loggers = new StderrLoggerFactory();

        Log($"starting a fresh Azurite for {settings.Orchestrations} x {workload.Description}");
        await using var azurite = await AzuriteServer.StartAsync(new AzuriteOptions(), cancellationToken);
        var hub = TaskHubName.New();
        using var traffic = settings.Breakdown ? new StorageTrafficRecorder(new RequestKind(hub, azurite.TablePort, azurite.QueuePort, azurite.BlobPort)) : null;
        await using var engine = await BenchEngine.StartAsync(azurite.ConnectionString, hub, workload, settings, loggers, cancellationToken);
        Log($"Azurite pid {azurite.ProcessId}, task hub '{hub}'; warming up with {settings.Warmup} instance(s)");
        await Warmup.RunAsync(engine, workload, settings.Warmup, cancellationToken);

        var measurements = await MeasureAsync(settings, workload, engine, traffic, new CpuMeter(azurite.ProcessId), azurite.ProcessId, loggers, clock, cancellationToken);
        return ResultBuilder.Build(settings, workload, measurements);
    }

    private static async Task<RunMeasurements> MeasureAsync(
        BenchSettings settings, Workload workload, BenchEngine engine, StorageTrafficRecorder? traffic, CpuMeter cpu, int azuriteProcessId,
        StderrLoggerFactory loggers, TimeProvider clock, CancellationToken cancellationToken)
    {
        // Baselines: everything before this line (hub creation, warm-up) is excluded.
        traffic?.Reset();
        cpu.Start();
        var engineBefore = engine.EngineOperations.Count;
        var observerBefore = engine.ObserverOperations.Count;
        var conflictsBefore = engine.Worker.ConflictCount;
        var warningsBefore = loggers.Count;
        var progress = new RunProgress(settings.Orchestrations);
        using var stopProgress = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reporter = ProgressReporter.RunAsync(progress, engine.EngineOperations, engineBefore, cpu, azuriteProcessId, stopProgress.Token);

        Log($"measuring: scheduling {settings.Orchestrations} instances");
        var firstScheduleAt = clock.GetUtcNow();
        var elapsed = Stopwatch.StartNew();
        DateTimeOffset[] scheduledAt;
        TimeSpan scheduling;
        try
        {
            scheduledAt = await Scheduler.ScheduleAllAsync(engine.Client, workload, settings.Orchestrations, settings.ScheduleParallelism, progress, clock, cancellationToken);
            scheduling = elapsed.Elapsed;
            await new CompletionWatcher(engine.ObserverClient, progress, settings.CompletionPollInterval).WaitAllAsync(settings.Timeout, cancellationToken);
        }
        finally
        {
            // Also on failure: a progress line after the error message would bury it.
            await stopProgress.CancelAsync();
            await reporter;
        }

        var detected = elapsed.Elapsed;
        var engineOperations = engine.EngineOperations.Count - engineBefore;
        var observerOperations = engine.ObserverOperations.Count - observerBefore;
        var byKind = traffic?.Snapshot() ?? [];
        var cpuUsed = cpu.Elapsed();
        var conflicts = engine.Worker.ConflictCount - conflictsBefore;
        var warnings = loggers.Count - warningsBefore;

        Log($"all {settings.Orchestrations} finished after {detected.TotalSeconds:0.0} s; verifying outputs");
        var timings = await Verifier.VerifyAsync(engine.ObserverClient, workload, scheduledAt, cancellationToken);
        return new RunMeasurements(
            firstScheduleAt, scheduling, detected, timings, engineOperations, observerOperations, byKind, cpuUsed, conflicts, warnings);
    }

    private static void Log(string message) => Console.Error.WriteLine($"[bench] {message}");
}
