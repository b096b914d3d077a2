using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ReviewFlow.Durable.History;
using ReviewFlow.Tables;

namespace ReviewFlow.Durable.Storage;

/// <summary>
/// Durable timers as rows of the Timers table, keyed by due time, so a timer can be any length (no queue
/// visibility limit) and a virtual clock can jump straight to the next one. Rows are deleted once
/// delivered, so the table holds only pending timers and never grows with history. The partition is the
/// due hour: partitions and rows both sort by time, and a write touches a small partition instead of one
/// holding every pending timer (which storage emulators search row by row).
/// </summary>
/// <remarks>
/// A process that owns its task hub (<see cref="DurableWorkerOptions.OwnsTaskHub"/>) reads the table once, when its
/// worker starts (<see cref="IndexAsync"/>), and from then on answers "what is due" from a <see cref="TimerIndex"/>
/// that every write here keeps in step. The timers an orchestration creates then get no row at all: their record is
/// the <c>TimerCreated</c> event in the instance's history, committed before the timer exists, from which the worker
/// puts them back when it starts again after a crash (<c>OwnedHubRecovery</c>). That halves the writes of a timer's
/// life (no insert, no delete). Timers a client schedules (a delayed start or event) are in no history, so they keep
/// their rows.
/// </remarks>
internal sealed class TimerStore(TaskHubStorage storage, LargeTextStore largeText)
{
    // Set once, by the worker starting; read by every thread that schedules, sweeps or deletes timers.
    private volatile TimerIndex? _index;

    // A due hour's timers are written and deleted together: many simulated answers, or everything a time step fired.
    private readonly PartitionBatchWriter _rows = new(storage.Timers);

    /// <summary>The due time, in ticks, that begins a row key.</summary>
    public static long DueTicksOf(string rowKey) => long.Parse(rowKey.AsSpan(0, 19), CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads every pending timer into memory and answers due look-ups from there from now on. Only for a process
    /// that owns the task hub (no other process writes timers), called before anything else here writes them.
    /// </summary>
    public async Task IndexAsync(CancellationToken cancellationToken)
    {
        var index = new TimerIndex();
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {"due-"} and PartitionKey lt {"due."}");
        await foreach (var row in storage.Timers.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            index.Add(await ToDueTimerAsync(row, cancellationToken));
        }

        _index = index;
    }
    /// <summary>Partition key: the due hour, "due-yyyyMMddHH" (sorts in time order).</summary>
    public static string PartitionFor(DateTime fireAt)
        => "due-" + fireAt.ToUniversalTime().ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    /// <summary>Row key: due time first so a range query returns due timers in order.</summary>
    public static string RowKeyFor(DateTime fireAt, string timerKey)
        => $"{fireAt.ToUniversalTime().Ticks.ToString("D19", CultureInfo.InvariantCulture)}.{timerKey}";

    /// <summary>The key of an orchestration's timer: unique per instance, execution and task.</summary>
    public static string OrchestrationTimerKey(string instanceId, string executionId, int taskId) => $"{instanceId}.{executionId}.{taskId}";

    /// <summary>
    /// Schedules <paramref name="message"/> for <paramref name="fireAt"/>. A timer <paramref name="recordedInHistory"/>
    /// (an orchestration's own) is kept in memory only when this process owns the task hub; any other gets a row.
    /// </summary>
    public async Task ScheduleAsync(DateTime fireAt, string timerKey, ControlMessage message, CancellationToken cancellationToken, bool recordedInHistory = false)
    {
        var rowKey = RowKeyFor(fireAt, timerKey);
        if (_index is { } index && recordedInHistory)
        {
            index.Add(new DueTimer(rowKey, message, HasRow: false));
            return;
        }

        var text = await largeText.StoreAsync(JsonSerializer.Serialize(message, DurableJson.Options), message.InstanceId, LargeTextStore.MaxInlineTableChars, cancellationToken);
        var row = new TableEntity(PartitionFor(fireAt), rowKey) { ["Message"] = text, ["InstanceId"] = message.InstanceId };
        await _rows.WriteAsync(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row), cancellationToken);
        _index?.Add(new DueTimer(rowKey, message));
    }

    /// <summary>
    /// Puts back an orchestration timer found open in an instance's history when the worker starts (a process that
    /// owns its task hub only). A cancelled timer may come back too, since history does not record cancellations; its
    /// firing is ignored by the orchestration.
    /// </summary>
    public void Restore(ScheduleTimer timer)
    {
        var index = _index ?? throw new InvalidOperationException("Timers are restored from history only into the index of a process that owns its task hub.");
        index.TryAdd(new DueTimer(RowKeyFor(timer.FireAt, timer.TimerKey), timer.Message, HasRow: false));
    }

    public async Task DeleteAsync(DateTime fireAt, string timerKey, CancellationToken cancellationToken)
        => await DeleteByRowKeyAsync(RowKeyFor(fireAt, timerKey), cancellationToken);

    /// <summary>Timers due at or before <paramref name="now"/>, oldest first.</summary>
    public async Task<List<DueTimer>> GetDueAsync(DateTime now, int max, CancellationToken cancellationToken)
    {
        if (_index is { } index)
        {
            return index.Due(now.ToUniversalTime().Ticks, max);
        }

        var upper = (now.ToUniversalTime().Ticks + 1).ToString("D19", CultureInfo.InvariantCulture);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {"due-"} and PartitionKey le {PartitionFor(now)} and RowKey lt {upper}");
        var due = new List<DueTimer>();
        await foreach (var row in storage.Timers.QueryAsync<TableEntity>(filter, maxPerPage: max, cancellationToken: cancellationToken))
        {
            due.Add(await ToDueTimerAsync(row, cancellationToken));
            if (due.Count >= max)
            {
                break;
            }
        }

        return due;
    }

    /// <summary>The due time of the earliest pending timer, or null when there is none.</summary>
    public async Task<DateTime?> GetNextDueAsync(CancellationToken cancellationToken)
    {
        if (_index is { } index)
        {
            return index.NextDue();
        }

        // Rows come back in partition then row order, which is time order: the first one is the earliest.
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {"due-"} and PartitionKey lt {"due."}");
        await foreach (var row in storage.Timers.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            return new DateTime(DueTicksOf(row.RowKey), DateTimeKind.Utc);
        }

        return null;
    }

    public Task DeleteDeliveredAsync(string rowKey, CancellationToken cancellationToken) => DeleteByRowKeyAsync(rowKey, cancellationToken);

    private async Task DeleteByRowKeyAsync(string rowKey, CancellationToken cancellationToken)
    {
        // Out of the index first: a timer being deleted must not be found due meanwhile. With an index, a timer that
        // is not in it (delivered already) or has no row costs no request.
        if (_index is { } index && index.Remove(rowKey) is not { HasRow: true })
        {
            return;
        }

        var fireAt = new DateTime(DueTicksOf(rowKey), DateTimeKind.Utc);
        await _rows.WriteAsync(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(PartitionFor(fireAt), rowKey), ETag.All), cancellationToken);
    }

    private async Task<DueTimer> ToDueTimerAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var text = await largeText.ResolveAsync(row.GetString("Message"), cancellationToken);
        return new DueTimer(row.RowKey, JsonSerializer.Deserialize<ControlMessage>(text!, DurableJson.Options)!);
    }

    /// <summary>Number of pending timers of an instance, rows and those kept in memory only (tests and diagnostics).</summary>
    public async Task<int> CountForInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var count = _index?.CountWithoutRow(instanceId) ?? 0;
        var filter = TableClient.CreateQueryFilter($"InstanceId eq {instanceId}");
        await foreach (var unused in storage.Timers.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }
}

/// <summary>A pending timer: a row of the Timers table, or (<paramref name="HasRow"/> false) an orchestration's timer kept in memory.</summary>
internal sealed record DueTimer(string RowKey, ControlMessage Message, bool HasRow = true);
