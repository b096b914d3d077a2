using Azure;
using Azure.Data.Tables;

namespace ReviewFlow.Integrations.Links;

/// <summary>When and for what a link was used.</summary>
/// <param name="Action">The action taken.</param>
/// <param name="UsedUtc">When.</param>
public sealed record LinkUse(string Action, DateTime UsedUtc);

/// <summary>
/// The record of used links, one row per email nonce: a link works once. The row is claimed before the answer
/// is raised, so two submits racing each other cannot both go through; a claim whose answer then fails is
/// released, so the person can try again.
/// </summary>
public sealed class UsedLinks(TableServiceClient tableService, string tableName)
{
    private readonly TableClient _table = tableService.GetTableClient(tableName);

    /// <summary>Creates the table if missing.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
        => await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Claims <paramref name="grant"/>'s nonce: null when this is the first use, else the earlier use.</summary>
    public async Task<LinkUse?> TryClaimAsync(ActionGrant grant, DateTime usedUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var row = new TableEntity(Key(grant), "")
        {
            ["Instance"] = grant.InstanceId,
            ["Action"] = grant.Action,
            ["Person"] = grant.PersonId,
            ["UsedUtc"] = DateTime.SpecifyKind(usedUtc, DateTimeKind.Utc),
        };
        try
        {
            await _table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return await FindAsync(grant, cancellationToken).ConfigureAwait(false)
                ?? new LinkUse(grant.Action, usedUtc); // released between our insert and read: still not ours
        }
    }

    /// <summary>The earlier use of <paramref name="grant"/>'s nonce, if any.</summary>
    public async Task<LinkUse?> FindAsync(ActionGrant grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(Key(grant), "", cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue
            ? new LinkUse(found.Value!.GetString("Action") ?? grant.Action, found.Value.GetDateTime("UsedUtc") ?? DateTime.MinValue)
            : null;
    }

    /// <summary>Gives the nonce back after the answer could not be delivered.</summary>
    public async Task ReleaseAsync(ActionGrant grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        await _table.DeleteEntityAsync(Key(grant), "", ETag.All, cancellationToken).ConfigureAwait(false);
    }

    // The nonce is random, so it is a well-spread partition key; the instance keeps two cycles' nonces apart.
    private static string Key(ActionGrant grant) => Storage.TableKeys.Sanitise($"{grant.Nonce}|{grant.InstanceId}");
}
