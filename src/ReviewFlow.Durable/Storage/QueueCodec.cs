using System.Text.Json;
using Azure.Storage.Queues;
using ReviewFlow.Durable.History;

namespace ReviewFlow.Durable.Storage;

/// <summary>
/// Writes and reads engine records as queue messages, moving oversized ones to blobs. Every message it sends is
/// counted in the <see cref="QueueBacklog"/> until it is deleted.
/// </summary>
internal sealed class QueueCodec(LargeTextStore largeText, QueueBacklog backlog)
{
    public async Task SendAsync<T>(QueueClient queue, T record, string owner, CancellationToken cancellationToken, TimeSpan? visibilityDelay = null)
    {
        var text = await largeText.StoreAsync(JsonSerializer.Serialize(record, DurableJson.Options), owner, LargeTextStore.MaxInlineQueueChars, cancellationToken);
        backlog.Sending();
        try
        {
            await queue.SendMessageAsync(text, visibilityDelay, cancellationToken: cancellationToken);
        }
        catch
        {
            backlog.SendFailed();
            throw;
        }
    }

    /// <summary>Sends a control message to the control queue of its instance.</summary>
    public Task SendControlAsync(TaskHubStorage storage, ControlMessage message, CancellationToken cancellationToken, TimeSpan? visibilityDelay = null)
        => SendAsync(storage.ControlQueueFor(message.InstanceId), message, message.InstanceId, cancellationToken, visibilityDelay);

    public async Task<T> ReadAsync<T>(string messageText, CancellationToken cancellationToken)
    {
        var text = await largeText.ResolveAsync(messageText, cancellationToken);
        return JsonSerializer.Deserialize<T>(text!, DurableJson.Options)
            ?? throw new JsonException("The queue message is empty.");
    }
}
