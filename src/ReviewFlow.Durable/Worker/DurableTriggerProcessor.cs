namespace ReviewFlow.Durable.Worker;

/// <summary>
/// The engine's work for a host that does the polling itself (Azure Functions: queue triggers on the control
/// and work-item queues, a timer trigger for due durable timers), instead of <see cref="DurableTaskWorker"/>'s
/// own pollers. Each call goes through the same code as the worker's: decoding, duplicate detection,
/// ETag-guarded commits, poison handling. Do not run a <see cref="DurableTaskWorker"/> in the same process.
/// </summary>
/// <remarks>
/// Activities scheduled here always go through the work-item queue (nothing runs in-process between
/// invocations), and due timers always go through their control queue.
/// </remarks>
public sealed class DurableTriggerProcessor
{
    // Enough passes for a large backlog of due timers within one invocation, never an endless loop.
    private const int MaxSweepPasses = 50;

    private readonly ControlQueueDispatcher _orchestrations;
    private readonly ActivityDispatcher _activities;
    private readonly TimerSweeper _timers;

    internal DurableTriggerProcessor(ControlQueueDispatcher orchestrations, ActivityDispatcher activities, TimerSweeper timers)
    {
        _orchestrations = orchestrations;
        _activities = activities;
        _timers = timers;
    }

    /// <summary>Processes one message of a control queue: runs the episode of its instance.</summary>
    public Task<DeliveryResult> ProcessControlMessageAsync(DeliveredMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _orchestrations.ProcessDeliveredAsync(message, cancellationToken);
    }

    /// <summary>Processes one message of the work-item queue: runs the activity and reports its result to the instance.</summary>
    public Task<DeliveryResult> ProcessWorkItemAsync(DeliveredMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _activities.ProcessDeliveredAsync(message, cancellationToken);
    }

    /// <summary>Delivers every durable timer due now to its control queue; returns how many.</summary>
    public async Task<int> SweepDueTimersAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        for (var pass = 0; pass < MaxSweepPasses; pass++)
        {
            var delivered = await _timers.SweepOnceAsync(cancellationToken);
            total += delivered;
            if (delivered < TimerSweeper.BatchSize)
            {
                break;
            }
        }

        return total;
    }
}
