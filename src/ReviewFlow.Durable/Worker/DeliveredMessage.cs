namespace ReviewFlow.Durable.Worker;

/// <summary>
/// A queue message of the task hub that someone other than the engine received (the Azure Functions host's
/// queue trigger), as that receiver saw it. There is no pop receipt: the receiver deletes the message when
/// processing succeeds and redelivers it when it fails.
/// </summary>
/// <param name="QueueName">The queue it came from (for logs).</param>
/// <param name="Id">The queue's message id (stable across deliveries).</param>
/// <param name="Text">The message text exactly as the engine wrote it.</param>
/// <param name="DequeueCount">Deliveries so far, this one included (1 the first time).</param>
public sealed record DeliveredMessage(string QueueName, string Id, string Text, long DequeueCount);

/// <summary>What became of a <see cref="DeliveredMessage"/>, and so what the receiver should do with it.</summary>
public enum DeliveryResult
{
    /// <summary>Processed (or recognised as a duplicate): delete the message.</summary>
    Completed,

    /// <summary>Processing failed or was interrupted: deliver the message again later.</summary>
    Retry,

    /// <summary>
    /// It failed too often: a copy is on the engine's poison queue and its instance is told to fail with the
    /// reason. Delete the original.
    /// </summary>
    DeadLettered,

    /// <summary>Unreadable: a copy is on the engine's poison queue. Delete the original.</summary>
    Parked,
}
