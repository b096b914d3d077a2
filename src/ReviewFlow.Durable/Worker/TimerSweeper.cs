using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewFlow.Durable.Storage;

namespace ReviewFlow.Durable.Worker;

/// <summary>
/// Delivers due durable timers: sends each one's message to its control queue, then deletes the row.
/// A crash in between delivers it twice, and the orchestration drops the duplicate.
/// </summary>
internal sealed partial class TimerSweeper(
    TaskHubStorage storage,
    TimerStore timers,
    QueueCodec codec,
    WorkSignals signals,
    WorkTracker tracker,
    TimeProvider clock,
    IOptions<DurableWorkerOptions> options,
    LocalInbox localInbox,
    EngineCounters counters,
    ILogger<TimerSweeper> logger)
{
    public const int BatchSize = 100;

    // Rows this process is delivering to itself: still in the table until their episode is done.
    private readonly ConcurrentDictionary<string, byte> _deliveringLocally = new(StringComparer.Ordinal);

    // When each local delivery was settled: a sweep that read the table before that moment may still see
    // the row, and must not deliver it a second time.
    private readonly ConcurrentDictionary<string, long> _settledAt = new(StringComparer.Ordinal);

    // The same settlements in the order they happened, so forgetting the old ones looks only at those: a scan of the
    // whole dictionary on every sweep cost a twentieth of the simulation's CPU once thousands were remembered.
    private readonly ConcurrentQueue<(string RowKey, long At)> _settlementOrder = new();
    private readonly Lock _forgetting = new();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var delivered = 0;
            try
            {
                delivered = await SweepOnceAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception sweepFailure)
            {
                LogSweepFailed(sweepFailure);
            }

            if (delivered < BatchSize)
            {
                await ((Task)signals.WaitTimerAsync(options.Value.TimerPollingInterval, cancellationToken))
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private void Settled(string rowKey)
    {
        var at = System.Diagnostics.Stopwatch.GetTimestamp();
        _settledAt[rowKey] = at;
        _settlementOrder.Enqueue((rowKey, at));
        _deliveringLocally.TryRemove(rowKey, out _);
    }

    /// <summary>Settlements older than any sweep still in flight can no longer be misread.</summary>
    private void ForgetOldSettlements(long now)
    {
        var horizon = now - System.Diagnostics.Stopwatch.Frequency * 60;
        lock (_forgetting)
        {
            // Under the lock, the entry peeked is the one dequeued (sweeps may run concurrently).
            while (_settlementOrder.TryPeek(out var oldest) && oldest.At < horizon && _settlementOrder.TryDequeue(out _))
            {
                // Only if not settled again since (a row key fired twice): the later entry is still in the queue.
                _settledAt.TryRemove(new KeyValuePair<string, long>(oldest.RowKey, oldest.At));
            }
        }
    }

    /// <summary>Delivers the timers due now; returns how many.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var readAt = System.Diagnostics.Stopwatch.GetTimestamp();
        var due = await timers.GetDueAsync(clock.GetUtcNow().UtcDateTime, BatchSize, cancellationToken);
        due = [.. due.Where(t => !_deliveringLocally.ContainsKey(t.RowKey) && !(_settledAt.TryGetValue(t.RowKey, out var settled) && settled >= readAt))];
        ForgetOldSettlements(readAt);
        if (due.Count == 0)
        {
            return 0;
        }

        tracker.Started(due.Count);
        try
        {
            await Task.WhenAll(due.Select(async timer =>
            {
                if (options.Value.LocalTimerDelivery && _deliveringLocally.TryAdd(timer.RowKey, 0))
                {
                    var local = new LocalTimerDelivery(timer, timers, storage, codec, Settled);
                    if (localInbox.TryPost(local))
                    {
                        counters.TimerDeliveredLocally();
                        return;
                    }

                    _deliveringLocally.TryRemove(timer.RowKey, out _);
                }

                await codec.SendControlAsync(storage, timer.Message, cancellationToken);
                signals.ControlQueued(TaskHubStorage.PartitionOf(timer.Message.InstanceId, storage.ControlQueues.Count));
                await timers.DeleteDeliveredAsync(timer.RowKey, cancellationToken);
            }));
        }
        finally
        {
            tracker.Finished(due.Count);
        }

        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping due timers failed; retrying")]
    private partial void LogSweepFailed(Exception exception);
}
