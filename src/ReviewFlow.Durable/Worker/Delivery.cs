using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using ReviewFlow.Durable.History;
using ReviewFlow.Durable.Storage;

namespace ReviewFlow.Durable.Worker;

/// <summary>
/// A control message in a worker's hands, and what "done", "try again later" and "give it back" mean for
/// where it came from: a control queue, or an activity this process ran itself.
/// </summary>
internal abstract class Delivery(ControlMessage message)
{
    public ControlMessage Message => message;

    /// <summary>Identifies the delivery in error memory.</summary>
    public abstract string Id { get; }

    /// <summary>Deliveries of the underlying queue message so far (1 for local results).</summary>
    public abstract long DequeueCount { get; }

    /// <summary>The message was applied (or found stale): remove it for good.</summary>
    public abstract Task CompleteAsync();

    /// <summary>Processing failed: have it come back after a back-off.</summary>
    public abstract Task AbandonAsync(TimeSpan baseBackoff);

    /// <summary>The worker is stopping: have it come back at once, for another worker.</summary>
    public abstract Task ReleaseAsync();

    /// <summary>Whether, left undone, it comes back after a crash: then it can guard an instance's local activities.</summary>
    public virtual bool CanGuard => false;

    /// <summary>Whether <see cref="DequeueCount"/> counts real deliveries, so a message failing too often is dead-lettered.</summary>
    public virtual bool CountsDeliveries => false;

    /// <summary>Moves the message to the engine's poison queue (only for deliveries that count deliveries).</summary>
    public virtual Task ParkAsync(QueueClient poison, CancellationToken cancellationToken)
        => throw new InvalidOperationException($"{GetType().Name} cannot be parked.");
}

/// <summary>A message received from a control queue.</summary>
internal sealed class QueueDelivery(QueueClient queue, QueueMessage queueMessage, ControlMessage message, QueueBacklog backlog) : Delivery(message)
{
    private QueueMessage _queueMessage = queueMessage;

    public QueueClient Queue => queue;

    public QueueMessage QueueMessage => Volatile.Read(ref _queueMessage);

    public override string Id => QueueMessage.MessageId;

    public override long DequeueCount => QueueMessage.DequeueCount;

    public override bool CanGuard => true;

    public override bool CountsDeliveries => true;

    public override Task ParkAsync(QueueClient poison, CancellationToken cancellationToken)
        => QueueMessageRetry.ParkAsync(poison, queue, QueueMessage, backlog, cancellationToken);

    /// <summary>When this process last made the message invisible (received or renewed it).</summary>
    public long HiddenSince { get; private set; } = System.Diagnostics.Stopwatch.GetTimestamp();

    public override Task CompleteAsync() => QueueMessageRetry.DeleteAsync(queue, QueueMessage, backlog);

    public override Task AbandonAsync(TimeSpan baseBackoff) => QueueMessageRetry.AbandonAsync(queue, QueueMessage, baseBackoff);

    public override Task ReleaseAsync() => QueueMessageRetry.ReleaseAsync(queue, QueueMessage, TimeSpan.Zero);

    /// <summary>Keeps the message hidden for another <paramref name="visibility"/> (it carries a new pop receipt afterwards).</summary>
    public async Task RenewAsync(TimeSpan visibility)
    {
        var current = QueueMessage;
        var receipt = await queue.UpdateMessageAsync(current.MessageId, current.PopReceipt, visibilityTimeout: visibility);
        Volatile.Write(ref _queueMessage, current.Update(receipt.Value));
        HiddenSince = System.Diagnostics.Stopwatch.GetTimestamp();
    }
}

/// <summary>
/// The result of an activity this process ran itself, handed straight to the orchestration. Once it is
/// committed (or parked on the control queue) it is durable, and the activity stops being outstanding.
/// </summary>
internal sealed class LocalResultDelivery(
    ControlMessage result,
    LocalActivityRunner runner,
    TaskHubStorage storage,
    QueueCodec codec) : Delivery(result)
{
    private int TaskId => ((TaskEvent)Message.Event).TaskId;

    public override string Id => $"local:{Message.InstanceId}:{Message.ExecutionId}:{TaskId}";

    public override long DequeueCount => 1;

    public override Task CompleteAsync()
    {
        Settle();
        return Task.CompletedTask;
    }

    // The result is known: park it on the control queue like a remote result, so nothing runs twice.
    public override Task AbandonAsync(TimeSpan baseBackoff) => HandOverAsync(QueueMessageRetry.BackoffFor(1, baseBackoff));

    public override Task ReleaseAsync() => HandOverAsync(null);

    private async Task HandOverAsync(TimeSpan? delay)
    {
        await codec.SendControlAsync(storage, Message, CancellationToken.None, delay);
        Settle();
    }

    private void Settle() => runner.Settle(Message.InstanceId, Message.ExecutionId!, TaskId);
}

/// <summary>
/// A due durable timer this process delivers to itself (<see cref="DurableWorkerOptions.LocalTimerDelivery"/>).
/// Its row stays in the Timers table until the episode is committed (and, as the instance's guard, until its
/// local activities are done), so a crash simply fires it again. An orchestration's timer in a process that owns
/// its task hub has no row: there a crash is made good by the next start's recovery (<see cref="OwnedHubRecovery"/>),
/// which fires timers history shows open and re-sends activities it shows unfinished.
/// </summary>
internal sealed class LocalTimerDelivery(DueTimer timer, TimerStore timers, TaskHubStorage storage, QueueCodec codec, Action<string> settled) : Delivery(timer.Message)
{
    public override string Id => $"timer:{timer.RowKey}";

    public override long DequeueCount => 1;

    public override bool CanGuard => true;

    public override async Task CompleteAsync()
    {
        await timers.DeleteDeliveredAsync(timer.RowKey, CancellationToken.None);
        settled(timer.RowKey);
    }

    // Failing episodes go the queue's way, where deliveries are counted and poison is dead-lettered.
    public override async Task AbandonAsync(TimeSpan baseBackoff)
    {
        await codec.SendControlAsync(storage, Message, CancellationToken.None, QueueMessageRetry.BackoffFor(1, baseBackoff));
        await timers.DeleteDeliveredAsync(timer.RowKey, CancellationToken.None);
        settled(timer.RowKey);
    }

    // Stopping: the row stays, and whoever sweeps next fires it again.
    public override Task ReleaseAsync()
    {
        settled(timer.RowKey);
        return Task.CompletedTask;
    }
}
