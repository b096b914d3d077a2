using Azure;
using Azure.Data.Tables;

namespace ReviewFlow.Tables;

/// <summary>
/// Writes the rows of one table a partition at a time: a write that arrives while an earlier one of its partition is in
/// flight waits for it, and then goes with the others that waited as one entity-group transaction. A lone write goes at
/// once, as a plain request, so nothing waits that would not have waited anyway; under load, one request carries many
/// writes (storage's cost is mostly per request, Azurite's especially). Used for instances' state rows (many commits at
/// once) and timer rows (a due hour's timers are written and deleted together).
/// </summary>
/// <remarks>
/// A transaction is all or nothing: when one of its writes fails (another worker committed that instance first), storage
/// names it, and the others go again without it. Two writes of the same row never share a transaction: the later one
/// waits for the next.
/// </remarks>
public sealed class PartitionBatchWriter(TableClient table)
{
    /// <summary>Writes per transaction: storage's limit.</summary>
    public const int MaxWritesPerTransaction = 100;

    /// <summary>
    /// Characters of text per transaction. Storage takes 4 MiB a request; escaped JSON can be several bytes a character,
    /// so this leaves room. A larger single write still goes, alone.
    /// </summary>
    public const int MaxCharsPerTransaction = 500_000;

    private readonly Dictionary<string, PartitionWrites> _partitions = new(StringComparer.Ordinal);

    /// <summary>
    /// Carries out <paramref name="action"/> (an insert, a conditional update, an upsert or a delete). Returns the row's new
    /// ETag; null when the write lost to another writer (the row exists already, or its ETag changed), for a delete, and
    /// for a delete of a row already gone.
    /// </summary>
    public Task<ETag?> WriteAsync(TableTransactionAction action, CancellationToken cancellationToken)
    {
        var row = action.Entity;
        var write = new Write(action, CharsOf(row));
        PartitionWrites partition;
        bool startSending;
        lock (_partitions)
        {
            if (!_partitions.TryGetValue(row.PartitionKey, out partition!))
            {
                _partitions[row.PartitionKey] = partition = new PartitionWrites(row.PartitionKey);
            }

            partition.Waiting.Add(write);
            startSending = !partition.Sending;
            partition.Sending = true;
        }

        if (startSending)
        {
            _ = Task.Run(() => SendAsync(partition));
        }

        // The write goes whatever the caller does now; a caller that stops waiting learns the outcome from storage later.
        return write.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task SendAsync(PartitionWrites partition)
    {
        while (true)
        {
            List<Write> next;
            lock (_partitions)
            {
                if (partition.Waiting.Count == 0)
                {
                    // Forgotten when idle: partitions come and go (a timer's is its due hour).
                    _partitions.Remove(partition.Key);
                    return;
                }

                next = partition.TakeTransaction();
            }

            var retry = await SendTransactionAsync(next);
            if (retry.Count > 0)
            {
                lock (_partitions)
                {
                    partition.Waiting.InsertRange(0, retry);
                }
            }
        }
    }

    /// <summary>Sends writes together; returns those that must go again (their transaction failed on another write).</summary>
    private async Task<List<Write>> SendTransactionAsync(List<Write> writes)
    {
        if (writes.Count == 1)
        {
            await SendAloneAsync(writes[0]);
            return [];
        }

        try
        {
            var responses = (await table.SubmitTransactionAsync(writes.Select(w => w.Action), CancellationToken.None)).Value;
            for (var i = 0; i < writes.Count; i++)
            {
                writes[i].Done.TrySetResult(responses[i].Headers.ETag);
            }

            return [];
        }
        catch (TableTransactionFailedException failed) when (failed.FailedTransactionActionIndex is int index && index < writes.Count)
        {
            // Nothing of the transaction was applied: the failed write has its answer, the others go again.
            if (IsSettled(writes[index].Action, failed.Status))
            {
                writes[index].Done.TrySetResult(null);
            }
            else
            {
                writes[index].Done.TrySetException(failed);
            }

            return [.. writes.Where((_, i) => i != index)];
        }
        catch (Exception failure)
        {
            // The outcome is unknown (the response was lost, say): each write fails as a lone request would, and its
            // writer reads the row again.
            foreach (var write in writes)
            {
                write.Done.TrySetException(failure);
            }

            return [];
        }
    }

    private async Task SendAloneAsync(Write write)
    {
        try
        {
            var action = write.Action;
            var entity = action.Entity;
            var response = action.ActionType switch
            {
                TableTransactionActionType.Add => await table.AddEntityAsync(entity, CancellationToken.None),
                TableTransactionActionType.UpdateMerge => await table.UpdateEntityAsync(entity, action.ETag, TableUpdateMode.Merge, CancellationToken.None),
                TableTransactionActionType.UpdateReplace => await table.UpdateEntityAsync(entity, action.ETag, TableUpdateMode.Replace, CancellationToken.None),
                TableTransactionActionType.UpsertMerge => await table.UpsertEntityAsync(entity, TableUpdateMode.Merge, CancellationToken.None),
                TableTransactionActionType.UpsertReplace => await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, CancellationToken.None),
                _ => await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, action.ETag, CancellationToken.None),
            };
            write.Done.TrySetResult(action.ActionType == TableTransactionActionType.Delete ? null : response.Headers.ETag);
        }
        catch (RequestFailedException failed) when (IsSettled(write.Action, failed.Status))
        {
            write.Done.TrySetResult(null);
        }
        catch (Exception failure)
        {
            write.Done.TrySetException(failure);
        }
    }

    /// <summary>A failure that answers the write: it lost to another writer, or it deletes a row that is gone.</summary>
    private static bool IsSettled(TableTransactionAction action, int status)
        => status is 409 or 412 || (status == 404 && action.ActionType == TableTransactionActionType.Delete);

    private static int CharsOf(ITableEntity row)
    {
        var chars = 0;
        if (row is TableEntity properties)
        {
            foreach (var (_, value) in properties)
            {
                chars += value is string text ? text.Length : 16;
            }
        }

        return chars;
    }

    private sealed class Write(TableTransactionAction action, int chars)
    {
        public TableTransactionAction Action { get; } = action;

        public int Chars { get; } = chars;

        public TaskCompletionSource<ETag?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The writes of one partition waiting to go, and whether a sender is at work on them.</summary>
    private sealed class PartitionWrites(string key)
    {
        public string Key { get; } = key;

        public List<Write> Waiting { get; } = [];

        public bool Sending { get; set; }

        /// <summary>The oldest waiting writes that fit one transaction (always at least one), removed from the wait.</summary>
        public List<Write> TakeTransaction()
        {
            var taken = new List<Write>();
            var rows = new HashSet<string>(StringComparer.Ordinal);
            var chars = 0;
            for (var i = 0; i < Waiting.Count && taken.Count < MaxWritesPerTransaction; i++)
            {
                var write = Waiting[i];
                if (taken.Count > 0 && chars + write.Chars > MaxCharsPerTransaction)
                {
                    break;
                }

                if (!rows.Add(write.Action.Entity.RowKey))
                {
                    continue; // the same row twice would fail the whole transaction: the later write waits for the next
                }

                taken.Add(write);
                chars += write.Chars;
            }

            Waiting.RemoveAll(taken.Contains);
            return taken;
        }
    }
}
