using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace ReviewFlow.Durable.Storage;

/// <summary>Writes and reads engine records as queue messages, moving oversized ones to blobs.</summary>
internal sealed class QueueCodec(LargeTextStore largeText)
{
    public async Task<SendReceipt> SendAsync<T>(QueueClient queue, T record, string owner, CancellationToken cancellationToken, TimeSpan? visibilityDelay = null)
        => (await queue.SendMessageAsync(await EncodeAsync(record, owner, cancellationToken), visibilityDelay, cancellationToken: cancellationToken)).Value;

    /// <summary>The message text for a record (a blob reference when it is too large for a queue message).</summary>
    public async Task<string> EncodeAsync<T>(T record, string owner, CancellationToken cancellationToken)
        => (await largeText.StoreAsync(JsonSerializer.Serialize(record, DurableJson.Options), owner, LargeTextStore.MaxInlineQueueChars, cancellationToken))!;

    public async Task<T> ReadAsync<T>(string messageText, CancellationToken cancellationToken)
    {
        var text = await largeText.ResolveAsync(messageText, cancellationToken);
        return JsonSerializer.Deserialize<T>(text!, DurableJson.Options)
            ?? throw new JsonException("The queue message is empty.");
    }
}
