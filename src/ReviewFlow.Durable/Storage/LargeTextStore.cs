using System.Text;

namespace ReviewFlow.Durable.Storage;

/// <summary>
/// Keeps text that is too large for a table property (64 KiB) or a queue message (64 KiB) in a blob,
/// leaving a short reference in its place. Readers resolve references transparently.
/// </summary>
internal sealed class LargeTextStore(TaskHubStorage storage)
{
    /// <summary>Table string properties hold 32K UTF-16 characters; keep well under it.</summary>
    public const int MaxInlineTableChars = 30_000;

    /// <summary>Queue messages hold 64 KiB; keep well under it.</summary>
    public const int MaxInlineQueueChars = 45_000;

    private const string ReferencePrefix = "blob:";

    /// <summary>Returns the text, or a blob reference when it is longer than <paramref name="maxInlineChars"/>.</summary>
    public async Task<string?> StoreAsync(string? text, string owner, int maxInlineChars, CancellationToken cancellationToken)
    {
        if (text is null || (text.Length <= maxInlineChars && !text.StartsWith(ReferencePrefix, StringComparison.Ordinal)))
        {
            return text;
        }

        // Unique names: a losing writer in an ETag race must never overwrite the winner's blob.
        var name = $"{Uri.EscapeDataString(owner)}/{Guid.NewGuid():N}";
        await storage.Payloads.GetBlobClient(name).UploadAsync(BinaryData.FromString(text), overwrite: false, cancellationToken);
        return ReferencePrefix + name;
    }

    /// <summary>Returns the text a value stands for, reading the blob when it is a reference.</summary>
    public async Task<string?> ResolveAsync(string? value, CancellationToken cancellationToken)
    {
        if (value is null || !value.StartsWith(ReferencePrefix, StringComparison.Ordinal))
        {
            return value;
        }

        var content = await storage.Payloads.GetBlobClient(value[ReferencePrefix.Length..]).DownloadContentAsync(cancellationToken);
        return Encoding.UTF8.GetString(content.Value.Content.ToMemory().Span);
    }

    /// <summary>Deletes every blob an instance owns (on purge).</summary>
    public async Task DeleteOwnedByAsync(string owner, CancellationToken cancellationToken)
    {
        await foreach (var blob in storage.Payloads.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, Uri.EscapeDataString(owner) + "/", cancellationToken))
        {
            await storage.Payloads.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
        }
    }
}
