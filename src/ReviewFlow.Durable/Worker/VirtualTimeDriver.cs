using Microsoft.Extensions.Logging;
using ReviewFlow.Durable.Storage;
using ReviewFlow.Durable.Time;

namespace ReviewFlow.Durable.Worker;

/// <summary>
/// Under a <see cref="VirtualClock"/>, moves time to the next due timer whenever this worker is idle and
/// the queues are empty, so weeks of waiting pass in milliseconds. Only meaningful with one worker process.
/// Whether the queues are empty comes from the backlog when the process owns its task hub, otherwise from storage.
/// </summary>
internal sealed partial class VirtualTimeDriver(
    VirtualClock clock,
    TaskHubStorage storage,
    QueueBacklog? backlog,
    TimerStore timers,
    WorkTracker tracker,
    WorkSignals signals,
    Func<bool> dispatchersIdle,
    ILogger logger)
{
    /// <summary>Consecutive quiet observations required before time moves (guards against a gap between two steps).</summary>
    private const int QuietChecksRequired = 2;

    /// <summary>Between quiet checks: every jump waits this at least twice, so it bounds how fast virtual time can move.</summary>
    private static readonly TimeSpan QuietCheckInterval = TimeSpan.FromMilliseconds(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var quietChecks = 0;
        var lastVersion = -1L;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(QuietCheckInterval, cancellationToken);
                var version = tracker.Version;
                var quiet = tracker.InFlight == 0 && dispatchersIdle() && version == lastVersion;
                lastVersion = version;
                quietChecks = quiet ? quietChecks + 1 : 0;
                if (quietChecks < QuietChecksRequired)
                {
                    continue;
                }

                quietChecks = 0;
                if (await AnyQueuedAsync(cancellationToken) || tracker.Version != version)
                {
                    continue;
                }

                if (await timers.GetNextDueAsync(cancellationToken) is not { } next)
                {
                    continue;
                }

                if (next > clock.GetUtcNow().UtcDateTime)
                {
                    LogJump(clock.GetUtcNow(), next);
                    clock.AdvanceTo(new DateTimeOffset(next, TimeSpan.Zero));
                }

                signals.TimerScheduled();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception failure)
            {
                LogFailed(failure);
            }
        }
    }

    private async Task<bool> AnyQueuedAsync(CancellationToken cancellationToken)
    {
        if (backlog is not null)
        {
            return backlog.Count > 0;
        }

        // All queues at once: this check sits on the path of every jump of virtual time.
        return await storage.CountQueuedMessagesAsync(cancellationToken) > 0;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Virtual time: idle, jumping from {From:o} to the next timer at {To:o}")]
    private partial void LogJump(DateTimeOffset from, DateTime to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Virtual time driver failed; retrying")]
    private partial void LogFailed(Exception exception);
}
