using Azure.Storage.Queues;
using ReviewFlow.Durable.History;

namespace ReviewFlow.Durable.Worker;

/// <summary>
/// A control message received by someone else (the Azure Functions host) and handed to the engine with its
/// id, text and dequeue count, but no pop receipt: the host deletes it when the invocation succeeds and makes
/// it visible again when it fails. So this delivery only records what the engine decided, and the caller
/// turns that into the invocation's answer.
/// </summary>
internal sealed class HostedDelivery(string messageId, string messageText, long dequeueCount, ControlMessage message) : Delivery(message)
{
    private int _result = (int)DeliveryResult.Completed;

    /// <summary>What the engine decided; <see cref="DeliveryResult.Completed"/> until something else happens.</summary>
    public DeliveryResult Result => (DeliveryResult)Volatile.Read(ref _result);

    public override string Id => messageId;

    public override long DequeueCount => dequeueCount;

    public override bool CountsDeliveries => true;

    // The host deletes the message once the invocation answers success.
    public override Task CompleteAsync() => Task.CompletedTask;

    // The host retries a failed invocation after its own visibility timeout (host.json), counting deliveries.
    public override Task AbandonAsync(TimeSpan baseBackoff) => Set(DeliveryResult.Retry);

    public override Task ReleaseAsync() => Set(DeliveryResult.Retry);

    // A copy goes to the engine's poison queue; the invocation then succeeds, so the host deletes the original.
    public override async Task ParkAsync(QueueClient poison, CancellationToken cancellationToken)
    {
        await poison.SendMessageAsync(messageText, cancellationToken);
        await Set(DeliveryResult.DeadLettered);
    }

    private Task Set(DeliveryResult result)
    {
        Volatile.Write(ref _result, (int)result);
        return Task.CompletedTask;
    }
}
