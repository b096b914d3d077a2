namespace ReviewFlow.Durable.Storage;

/// <summary>
/// How many messages this process has put on the task hub's control and work-item queues and not yet deleted
/// (sent for later included, parked ones excluded). In a process that owns its task hub nobody else sends or
/// deletes, so this is the queues' length without asking storage: the virtual clock reads it before every jump,
/// where asking would cost a request per queue each time.
/// </summary>
internal sealed class QueueBacklog
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    /// <summary>Counted before the send, so a message is never on a queue uncounted; see <see cref="SendFailed"/>.</summary>
    public void Sending() => Interlocked.Increment(ref _count);

    public void SendFailed() => Interlocked.Decrement(ref _count);

    public void Deleted() => Interlocked.Decrement(ref _count);

    /// <summary>Messages found on the queues when the worker started, left by an earlier run of this process.</summary>
    public void Found(long messages) => Interlocked.Add(ref _count, messages);
}
