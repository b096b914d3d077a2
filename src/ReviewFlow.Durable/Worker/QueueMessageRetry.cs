using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using ReviewFlow.Durable.Storage;

namespace ReviewFlow.Durable.Worker;

/// <summary>Gives a message back to its queue after a failure, invisible for a back-off that grows with each delivery.</summary>
internal static class QueueMessageRetry
{
    public static TimeSpan BackoffFor(long dequeueCount, TimeSpan baseDelay)
    {
        var seconds = Math.Min(60, baseDelay.TotalSeconds * Math.Pow(2, Math.Max(0, dequeueCount - 1)));
        return TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(seconds)));
    }

    public static Task AbandonAsync(QueueClient queue, QueueMessage message, TimeSpan baseDelay)
        => ReleaseAsync(queue, message, BackoffFor(message.DequeueCount, baseDelay));

    /// <summary>Makes a message visible again after <paramref name="delay"/> (zero: at once, for a clean shutdown).</summary>
    public static async Task ReleaseAsync(QueueClient queue, QueueMessage message, TimeSpan delay)
    {
        try
        {
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: delay);
        }
        catch (RequestFailedException gone) when (IsGone(gone))
        {
            // Its visibility expired and another worker holds it now.
        }
    }

    public static async Task DeleteAsync(QueueClient queue, QueueMessage message, QueueBacklog backlog)
    {
        try
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            backlog.Deleted();
        }
        catch (RequestFailedException gone) when (IsGone(gone))
        {
            // Redelivered elsewhere meanwhile; the duplicate is detected when it is processed.
        }
    }

    /// <summary>
    /// Moves a message to the poison queue: copy first, then delete, so a crash in between leaves two copies,
    /// never none.
    /// </summary>
    public static async Task ParkAsync(QueueClient poison, QueueClient queue, QueueMessage message, QueueBacklog backlog, CancellationToken cancellationToken)
    {
        await poison.SendMessageAsync(message.MessageText, cancellationToken);
        await DeleteAsync(queue, message, backlog);
    }

    /// <summary>The message was deleted, or its visibility lapsed and someone else received it (new pop receipt).</summary>
    private static bool IsGone(RequestFailedException failure)
        => failure.Status == 404 || (failure.Status == 400 && failure.ErrorCode == "PopReceiptMismatch");
}
