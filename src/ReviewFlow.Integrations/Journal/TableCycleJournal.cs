using System.Runtime.CompilerServices;

using Azure.Data.Tables;

namespace ReviewFlow.Integrations.Journal;

/// <summary>
/// The cycle journal on Table Storage: partition = cycle id, row = time ticks and entry id, so a cycle reads
/// back in time order with one partition query, and appending the same entry again rewrites the same row.
/// </summary>
public sealed class TableCycleJournal : ICycleJournal
{
    // Azure's limits for one entity group transaction.
    private const int MaxBatchCount = 100;
    private const long MaxBatchBytes = 3 * 1024 * 1024;

    private readonly TableClient _table;

    /// <summary>Creates the journal; call <see cref="EnsureCreatedAsync"/> once before use.</summary>
    public TableCycleJournal(TableServiceClient tableService, DevAdapterOptions options)
    {
        ArgumentNullException.ThrowIfNull(tableService);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _table = tableService.GetTableClient(options.JournalTableName);
    }

    /// <summary>Creates the table if it does not exist.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        // One transaction per partition (Azure rejects batches spanning partitions, Azurite does not), and no
        // row twice in one transaction (Azure rejects that too); the first of a repeated entry wins.
        var partitions = entries
            .Select(JournalRows.ToEntity)
            .DistinctBy(e => (e.PartitionKey, e.RowKey))
            .GroupBy(e => e.PartitionKey, StringComparer.Ordinal);
        foreach (var partition in partitions)
        {
            foreach (var batch in Batches(partition))
            {
                await _table.SubmitTransactionAsync(
                    batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)),
                    cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JournalEntry>> ReadCycleAsync(string cycleId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycleId);
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {JournalRows.PartitionKey(cycleId)}");
        var entries = new List<JournalEntry>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            entries.Add(JournalRows.FromEntity(entity));
        }

        return [.. entries.OrderBy(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<JournalEntry> ReadAllAsync(string cycleIdPrefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycleIdPrefix);
        // Sanitising maps character by character, so the prefix of an id stays a prefix of its partition key.
        string low = JournalRows.PartitionKey(cycleIdPrefix);
        string high = low + '\uffff';
        string filter = TableClient.CreateQueryFilter($"PartitionKey ge {low} and PartitionKey lt {high}");
        var entries = new List<JournalEntry>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var entry = JournalRows.FromEntity(entity);
            if (entry.CycleId.StartsWith(cycleIdPrefix, StringComparison.Ordinal))
            {
                entries.Add(entry);
            }
        }

        // Materialised to order across partitions; fine for the ~100k rows of a large simulation.
        foreach (var entry in entries
            .OrderBy(e => e.At)
            .ThenBy(e => e.CycleId, StringComparer.Ordinal)
            .ThenBy(e => e.Id, StringComparer.Ordinal))
        {
            yield return entry;
        }
    }

    private static IEnumerable<List<TableEntity>> Batches(IEnumerable<TableEntity> partition)
    {
        var batch = new List<TableEntity>();
        long bytes = 0;
        foreach (var entity in partition)
        {
            long size = JournalRows.EstimatedBytes(entity);
            if (batch.Count == MaxBatchCount || (batch.Count > 0 && bytes + size > MaxBatchBytes))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(entity);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }
}
