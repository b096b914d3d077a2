using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ReviewFlow.Durable.History;

namespace ReviewFlow.Durable.Storage;

/// <summary>
/// Durable timers as rows of the Timers table, keyed by due time, so a timer can be any length (no queue
/// visibility limit) and a virtual clock can jump straight to the next one. Rows are deleted once
/// delivered, so the table holds only pending timers and never grows with history. The partition is the
/// due hour: partitions and rows both sort by time, and a write touches a small partition instead of one
/// holding every pending timer (which storage emulators search row by row).
/// </summary>
internal sealed class TimerStore(TaskHubStorage storage, LargeTextStore largeText)
{
    /// <summary>Partition key: the due hour, "due-yyyyMMddHH" (sorts in time order).</summary>
    public static string PartitionFor(DateTime fireAt)
        => "due-" + fireAt.ToUniversalTime().ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    /// <summary>Row key: due time first so a range query returns due timers in order.</summary>
    public static string RowKeyFor(DateTime fireAt, string timerKey)
        => $"{fireAt.ToUniversalTime().Ticks.ToString("D19", CultureInfo.InvariantCulture)}.{timerKey}";

    public async Task ScheduleAsync(DateTime fireAt, string timerKey, ControlMessage message, CancellationToken cancellationToken)
    {
        var text = await largeText.StoreAsync(JsonSerializer.Serialize(message, DurableJson.Options), message.InstanceId, LargeTextStore.MaxInlineTableChars, cancellationToken);
        var row = new TableEntity(PartitionFor(fireAt), RowKeyFor(fireAt, timerKey)) { ["Message"] = text, ["InstanceId"] = message.InstanceId };
        await storage.Timers.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task DeleteAsync(DateTime fireAt, string timerKey, CancellationToken cancellationToken)
        => await storage.Timers.DeleteEntityAsync(PartitionFor(fireAt), RowKeyFor(fireAt, timerKey), ETag.All, cancellationToken);

    /// <summary>Timers due at or before <paramref name="now"/>, oldest first.</summary>
    public async Task<List<DueTimer>> GetDueAsync(DateTime now, int max, CancellationToken cancellationToken)
    {
        var upper = (now.ToUniversalTime().Ticks + 1).ToString("D19", CultureInfo.InvariantCulture);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {"due-"} and PartitionKey le {PartitionFor(now)} and RowKey lt {upper}");
        var due = new List<DueTimer>();
        await foreach (var row in storage.Timers.QueryAsync<TableEntity>(filter, maxPerPage: max, cancellationToken: cancellationToken))
        {
            var text = await largeText.ResolveAsync(row.GetString("Message"), cancellationToken);
            due.Add(new DueTimer(row.RowKey, JsonSerializer.Deserialize<ControlMessage>(text!, DurableJson.Options)!));
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
        // Rows come back in partition then row order, which is time order: the first one is the earliest.
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {"due-"} and PartitionKey lt {"due."}");
        await foreach (var row in storage.Timers.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            var ticks = long.Parse(row.RowKey.AsSpan(0, 19), CultureInfo.InvariantCulture);
            return new DateTime(ticks, DateTimeKind.Utc);
        }

        return null;
    }

    public async Task DeleteDeliveredAsync(string rowKey, CancellationToken cancellationToken)
    {
        var fireAt = new DateTime(long.Parse(rowKey.AsSpan(0, 19), CultureInfo.InvariantCulture), DateTimeKind.Utc);
        await storage.Timers.DeleteEntityAsync(PartitionFor(fireAt), rowKey, ETag.All, cancellationToken);
    }

    /// <summary>Number of pending timers of an instance (tests and diagnostics).</summary>
    public async Task<int> CountForInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var count = 0;
        var filter = TableClient.CreateQueryFilter($"InstanceId eq {instanceId}");
        await foreach (var unused in storage.Timers.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }
}

/// <summary>A timer row whose time has come.</summary>
internal sealed record DueTimer(string RowKey, ControlMessage Message);
