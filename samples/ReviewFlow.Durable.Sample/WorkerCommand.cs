using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReviewFlow.Durable.Sample.CrashTest;
using ReviewFlow.Durable.Worker;

namespace ReviewFlow.Durable.Sample;

/// <summary>
/// <c>worker</c>: runs a durable worker with the crash-test tasks in this process until SIGTERM or Ctrl+C
/// (or until <c>--parent-pid</c> is gone). The crash-safety test starts it as a separate process and
/// kills it with SIGKILL at random points; it deliberately never reads stdin, which CI does not provide.
/// </summary>
public static class WorkerCommand
{
    /// <summary>Printed on stdout once the worker is polling, so a supervisor knows when a kill lands mid-work.</summary>
    public const string ReadyMarker = "crash-worker: ready";

    /// <summary>Printed on stdout after a graceful stop.</summary>
    public const string StoppedMarker = "crash-worker: stopped";

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var connectionString = new Option<string>("--connection-string")
        {
            Description = "Storage connection string of the task hub (for example the test's Azurite).",
            Required = true,
        };
        var taskHub = new Option<string>("--task-hub")
        {
            Description = "Task hub name; the crash-test effect tables are named after it.",
            Required = true,
        };
        var visibilityTimeout = new Option<int>("--visibility-timeout-seconds")
        {
            // Short by default: after a kill, the dead worker's messages come back this soon.
            Description = "How long a received message stays hidden; after a kill, redelivery happens this much later.",
            DefaultValueFactory = _ => 5,
        };
        var pollingInterval = new Option<int>("--polling-interval-ms")
        {
            Description = "Longest wait between polls of an empty queue, and the timer polling interval.",
            DefaultValueFactory = _ => 100,
        };
        var maxDequeueCount = new Option<int?>("--max-dequeue-count")
        {
            Description = "Deliveries of a work item before it is dead-lettered (engine default when omitted).",
        };
        var maxConcurrentActivities = new Option<int?>("--max-concurrent-activities")
        {
            Description = "Activities run at once (engine default when omitted); with --work-after-effect-ms it bounds throughput.",
        };
        var workAfterEffect = new Option<int>("--work-after-effect-ms")
        {
            Description = "Simulated work each activity does after its side effect (widens the effect-done-but-unreported window).",
            DefaultValueFactory = _ => 50,
        };
        var parentPid = new Option<int?>("--parent-pid")
        {
            Description = "Exit when this process is gone, so a supervisor that dies leaves no worker behind.",
        };
        var ownsTaskHub = new Option<bool>("--owns-task-hub")
        {
            Description = "Run as the only process of the task hub (timers in memory and delivered locally, recovered from history at start).",
        };
        var logLevel = new Option<LogLevel>("--log-level")
        {
            Description = "Minimum log level (Debug shows episode transitions and commit conflicts).",
            DefaultValueFactory = _ => LogLevel.Information,
        };
        OptionRules.RequireRange(visibilityTimeout, 1);
        OptionRules.RequireRange(pollingInterval, 1);
        OptionRules.RequireRange(workAfterEffect, 0);

        var command = new Command("worker", "Runs a durable worker with the crash-test tasks until SIGTERM or Ctrl+C.")
        {
            connectionString,
            taskHub,
            visibilityTimeout,
            pollingInterval,
            maxDequeueCount,
            maxConcurrentActivities,
            workAfterEffect,
            parentPid,
            ownsTaskHub,
            logLevel,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new WorkerSettings(
                parseResult.GetRequiredValue(connectionString),
                parseResult.GetRequiredValue(taskHub),
                TimeSpan.FromSeconds(parseResult.GetValue(visibilityTimeout)),
                TimeSpan.FromMilliseconds(parseResult.GetValue(pollingInterval)),
                parseResult.GetValue(maxDequeueCount),
                parseResult.GetValue(maxConcurrentActivities),
                TimeSpan.FromMilliseconds(parseResult.GetValue(workAfterEffect)),
                parseResult.GetValue(parentPid),
                parseResult.GetValue(ownsTaskHub),
                parseResult.GetValue(logLevel)),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(WorkerSettings settings, CancellationToken terminationToken)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging
            .SetMinimumLevel(settings.LogLevel)
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss.fff ";
            }));
        services.AddSingleton(new CrashTestLedger(settings.ConnectionString, settings.TaskHub, settings.WorkAfterEffect));
        services.AddReviewFlowDurable(
            storage =>
            {
                storage.ConnectionString = settings.ConnectionString;
                storage.TaskHubName = settings.TaskHub;
            },
            registry => CrashTestTasks.Register(registry),
            worker =>
            {
                worker.VisibilityTimeout = settings.VisibilityTimeout;
                worker.MaxPollingInterval = settings.PollingInterval;
                worker.TimerPollingInterval = settings.PollingInterval;
                worker.OwnsTaskHub = settings.OwnsTaskHub;
                worker.LocalTimerDelivery = settings.OwnsTaskHub;
                if (settings.MaxDequeueCount is { } maxDequeueCount)
                {
                    worker.MaxDequeueCount = maxDequeueCount;
                }

                if (settings.MaxConcurrentActivities is { } maxConcurrentActivities)
                {
                    worker.MaxConcurrentActivities = maxConcurrentActivities;
                }
            });

        await using var provider = services.BuildServiceProvider();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("ReviewFlow.Durable.Sample.Worker");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(terminationToken);
        var parentWatch = settings.ParentPid is { } pid ? WatchParentAsync(pid, stop, logger) : Task.CompletedTask;

        await provider.GetRequiredService<CrashTestLedger>().CreateTablesAsync(stop.Token);
        var worker = provider.GetRequiredService<DurableTaskWorker>();
        await worker.StartAsync(stop.Token);
        Console.WriteLine($"{ReadyMarker} pid={Environment.ProcessId} hub={settings.TaskHub}");

        await Task.Delay(Timeout.InfiniteTimeSpan, stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        // Bounded: System.CommandLine gives the action a grace period after SIGTERM, and a stop that hangs
        // must not outlive it silently; unfinished work reappears after its visibility timeout anyway.
        using var stopGuard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await worker.StopAsync(stopGuard.Token);
        await parentWatch;
        Console.WriteLine(StoppedMarker);
        return 0;
    }

    /// <summary>Cancels <paramref name="stop"/> once the parent process has exited (polling: it is not our child).</summary>
    private static async Task WatchParentAsync(int pid, CancellationTokenSource stop, ILogger logger)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                if (!IsRunning(pid))
                {
                    logger.LogWarning("Parent process {ParentPid} is gone; stopping", pid);
                    await stop.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping for another reason.
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (InvalidOperationException)
        {
            return false; // exited while we looked
        }
    }

    private sealed record WorkerSettings(
        string ConnectionString,
        string TaskHub,
        TimeSpan VisibilityTimeout,
        TimeSpan PollingInterval,
        int? MaxDequeueCount,
        int? MaxConcurrentActivities,
        TimeSpan WorkAfterEffect,
        int? ParentPid,
        bool OwnsTaskHub,
        LogLevel LogLevel);
}
