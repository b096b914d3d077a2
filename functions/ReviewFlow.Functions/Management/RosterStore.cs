using Azure;
using Azure.Data.Tables;
using ReviewFlow.Functions.Hosting;
using ReviewFlow.Functions.Web.Auth;

namespace ReviewFlow.Functions.Management;

/// <summary>
/// The roster in Table Storage (<c>{TaskHub}Roster</c>). An import is written as a new version (its own partition)
/// and becomes current in one step, when the pointer row moves to it: readers see the old roster or the new one,
/// never half of each, and a failed import leaves the current roster as it was.
/// </summary>
internal sealed class RosterStore(TableServiceClient tables, ServiceOptions options, TimeProvider clock) : IManagerDirectory
{
    // Azure's limit for one entity group transaction.
    private const int MaxBatchCount = 100;
    private const string PointerPartition = "pointer";
    private const string PointerRow = "current";

    private readonly TableClient _table = tables.GetTableClient(options.TaskHub + "Roster");

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => _table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>The current roster (empty before the first import) and when it was imported.</summary>
    public async Task<(Roster Roster, DateTimeOffset? ImportedAt)> ReadAsync(CancellationToken cancellationToken)
    {
        var pointer = await ReadPointerAsync(cancellationToken);
        if (pointer is null)
        {
            return (Roster.Empty, null);
        }

        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pointer.GetString("Version")}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return (RosterRows.FromEntities(rows), pointer.GetDateTimeOffset("ImportedAt"));
    }

    /// <summary>Replaces the roster with <paramref name="roster"/> (already validated).</summary>
    /// <exception cref="RosterConflictException">Another import finished while this one was being written; nothing changed.</exception>
    public async Task ReplaceAsync(Roster roster, CancellationToken cancellationToken)
    {
        var version = "v" + Guid.NewGuid().ToString("N");
        var rows = RosterRows.ToEntities(roster, version).ToList();
        foreach (var batch in rows.Chunk(MaxBatchCount))
        {
            await _table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), cancellationToken);
        }

        var previous = await ReadPointerAsync(cancellationToken);
        var pointer = new TableEntity(PointerPartition, PointerRow) { ["Version"] = version, ["ImportedAt"] = clock.GetUtcNow() };
        try
        {
            // Optimistic concurrency: two imports at once cannot both win, and the loser says so instead of vanishing.
            if (previous is null)
            {
                await _table.AddEntityAsync(pointer, cancellationToken);
            }
            else
            {
                await _table.UpdateEntityAsync(pointer, previous.ETag, TableUpdateMode.Replace, cancellationToken);
            }
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            await DeleteVersionAsync(version, CancellationToken.None);
            throw new RosterConflictException();
        }

        if (previous?.GetString("Version") is { } old)
        {
            await DeleteVersionAsync(old, CancellationToken.None);
        }
    }

    /// <inheritdoc/>
    public async Task<string?> ManagerIdForEmailAsync(string email, CancellationToken cancellationToken)
    {
        var pointer = await ReadPointerAsync(cancellationToken);
        if (pointer is null)
        {
            return null;
        }

        await foreach (var row in _table.QueryAsync<TableEntity>(RosterRows.ManagersFilter(pointer.GetString("Version")), cancellationToken: cancellationToken))
        {
            var manager = RosterRows.ReadManager(row);
            if (string.Equals(manager.Person.Email, email.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return manager.Person.Id;
            }
        }

        return null;
    }

    private async Task<TableEntity?> ReadPointerAsync(CancellationToken cancellationToken)
    {
        var pointer = await _table.GetEntityIfExistsAsync<TableEntity>(PointerPartition, PointerRow, cancellationToken: cancellationToken);
        return pointer.HasValue ? pointer.Value : null;
    }

    private async Task DeleteVersionAsync(string version, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {version}");
        var rows = new List<TableEntity>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        foreach (var batch in rows.Chunk(MaxBatchCount))
        {
            await _table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken);
        }
    }
}

/// <summary>Another roster import became current while this one was written.</summary>
internal sealed class RosterConflictException() : Exception("Another roster import finished while this one was being stored; nothing was changed. Send it again.");
