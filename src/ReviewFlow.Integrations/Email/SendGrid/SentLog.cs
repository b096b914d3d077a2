using Azure;
using Azure.Data.Tables;

using ReviewFlow.Integrations.Storage;

namespace ReviewFlow.Integrations.Email.SendGrid;

/// <summary>
/// The table that makes SendGrid sends happen once per idempotency key: one row per key (partition = SHA-256 of
/// the key, so any key fits and keys spread over partitions), first inserted as a "Sending" claim, then marked
/// "Sent". Every change is an insert or is conditional on the row's ETag, so two attempts can never both believe
/// they own a key.
/// </summary>
internal sealed class SentLog(TableServiceClient tableService, string tableName)
{
    private const string Row = "email";

    private readonly TableClient _table = tableService.GetTableClient(tableName);

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The row for <paramref name="idempotencyKey"/>, or null when no attempt has claimed it.</summary>
    public async Task<SentLogEntry?> GetAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(idempotencyKey), Row, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return found.HasValue && found.Value is { } entity ? Read(entity) : null;
    }

    /// <summary>Inserts a "Sending" claim; null when another attempt inserted one first.</summary>
    public async Task<SentLogEntry?> TryClaimAsync(string idempotencyKey, string template, string subject, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entity = Claim(idempotencyKey, template, subject, now);
        try
        {
            var response = await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return Read(entity) with { ETag = response.Headers.ETag ?? ETag.All };
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Replaces an expired claim with a fresh one; null when the row changed since it was read.</summary>
    public async Task<SentLogEntry?> TryTakeOverAsync(SentLogEntry stale, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entity = Claim(stale.IdempotencyKey, stale.Template, stale.Subject, now);
        try
        {
            var response = await _table.UpdateEntityAsync(entity, stale.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return Read(entity) with { ETag = response.Headers.ETag ?? ETag.All };
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>Records the claim as sent; false when the claim was taken over meanwhile.</summary>
    public async Task<bool> TryMarkSentAsync(SentLogEntry claim, string messageId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entity = Claim(claim.IdempotencyKey, claim.Template, claim.Subject, claim.ClaimedAt);
        entity["State"] = nameof(SentLogState.Sent);
        entity["MessageId"] = messageId;
        entity["SentAt"] = now;
        try
        {
            await _table.UpdateEntityAsync(entity, claim.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>Deletes the claim after a definite failure, so a later attempt can send; a claim taken over meanwhile is left alone.</summary>
    public async Task ReleaseAsync(SentLogEntry claim, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(PartitionOf(claim.IdempotencyKey), Row, claim.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Someone else owns the row now; it is theirs to finish or release.
        }
    }

    private static string PartitionOf(string idempotencyKey) => TableKeys.Sha256Hex(idempotencyKey);

    private static TableEntity Claim(string idempotencyKey, string template, string subject, DateTimeOffset claimedAt) =>
        new(PartitionOf(idempotencyKey), Row)
        {
            ["IdempotencyKey"] = idempotencyKey,
            ["State"] = nameof(SentLogState.Sending),
            ["ClaimedAt"] = claimedAt,
            ["Template"] = template,
            ["Subject"] = subject,
        };

    private static SentLogEntry Read(TableEntity entity) => new(
        entity.GetString("IdempotencyKey"),
        Enum.Parse<SentLogState>(entity.GetString("State")),
        entity.GetDateTimeOffset("ClaimedAt") ?? DateTimeOffset.MinValue,
        entity.GetString("Template"),
        entity.GetString("Subject"),
        entity.GetString("MessageId"),
        entity.ETag);
}
