using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace ReviewFlow.Durable.Worker;

/// <summary>Gives a message back to its queue after a failure, invisible for a back-off that grows with each delivery.</summary>
internal static class QueueMessageRetry
{
    public static TimeSpan BackoffFor(long dequeueCount, TimeSpan baseDelay)
    {
        var seconds = Math.Min(60, baseDelay.TotalSeconds * Math.Pow(2, Math.Max(0, dequeueCount - 1)));
        return TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(seconds)));
    }

    public static async Task AbandonAsync(QueueClient queue, QueueMessage message, TimeSpan baseDelay)
    {
        try
        {
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: BackoffFor(message.DequeueCount, baseDelay));
        }
        catch (RequestFailedException gone) when (gone.Status == 404)
        {
            // Its visibility expired and another worker holds it now.
        }
    }

    public static async Task DeleteAsync(QueueClient queue, QueueMessage message)
    {
        try
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
        catch (RequestFailedException gone) when (gone.Status == 404)
        {
            // Redelivered elsewhere meanwhile; the duplicate is detected when it is processed.
        }
    }
}
