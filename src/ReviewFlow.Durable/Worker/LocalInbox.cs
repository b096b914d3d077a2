namespace ReviewFlow.Durable.Worker;

/// <summary>
/// Hands results of locally run activities to the orchestration dispatcher without a queue round trip.
/// Only a running worker attaches; without it (a bare processor in tests) activities go through the queue.
/// </summary>
internal sealed class LocalInbox
{
    private Action<Delivery>? _handler;

    public bool IsAttached => Volatile.Read(ref _handler) is not null;

    public void Attach(Action<Delivery> handler) => Volatile.Write(ref _handler, handler);

    public void Detach() => Volatile.Write(ref _handler, null);

    /// <summary>Delivers; false when no dispatcher is attached (the caller then uses the queue).</summary>
    public bool TryPost(Delivery delivery)
    {
        var handler = Volatile.Read(ref _handler);
        if (handler is null)
        {
            return false;
        }

        handler(delivery);
        return true;
    }
}
