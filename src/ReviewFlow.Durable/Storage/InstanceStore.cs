using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ReviewFlow.Durable.History;

namespace ReviewFlow.Durable.Storage;

/// <summary>
/// Reads and commits instance state. One History partition per instance holds its state row, and the state row
/// holds the history of the current execution (split over <c>History0..N</c>, or in a blob when very long). A
/// commit replaces the row guarded by its ETag, so of two racing workers exactly one wins.
/// </summary>
/// <remarks>
/// One row, not a row per episode: a commit is then a single conditional write instead of an entity-group
/// transaction, a load is a single point read, and the table holds one row per instance instead of one per
/// episode ever committed (executions are short: a seller's cycle continues as new every review period).
/// </remarks>
internal sealed class InstanceStore(TaskHubStorage storage, LargeTextStore largeText)
{
    /// <summary>
    /// The state row's key names its instance, although the partition already does: Azurite (LokiJS) finds an
    /// entity through its row key first, so a row key that every partition shares ("state") turns each commit's
    /// look-up into a scan of every instance of the task hub. Azure Storage does not care either way.
    /// </summary>
    private static string StateRowKey(string instanceId) => "state." + instanceId;

    private const string HistoryProperty = "History";

    // An entity holds at most 1 MiB and its other text properties up to about 250 KB: up to this many
    // 30K-character parts inline (about 480 KB as UTF-16), a blob beyond.
    internal const int MaxInlineHistoryParts = 8;

    /// <summary>Loads an instance, or returns a fresh (uncommitted) state when it does not exist.</summary>
    public async Task<InstanceState> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var stateRow = await storage.History.GetEntityIfExistsAsync<TableEntity>(instanceId, StateRowKey(instanceId), cancellationToken: cancellationToken);
        var state = new InstanceState(instanceId);
        if (!stateRow.HasValue || stateRow.Value is null)
        {
            return state;
        }

        var row = stateRow.Value;
        state.ETag = row.ETag;
        state.Name = row.GetString("Name");
        state.Version = row.GetString("Version");
        state.ExecutionId = row.GetString("ExecutionId");
        state.Status = Enum.Parse<OrchestrationRuntimeStatus>(row.GetString("Status"));
        state.Revision = row.GetInt64("Revision") ?? 0;
        state.CreatedAt = row.GetDateTimeOffset("CreatedAt")?.UtcDateTime ?? default;
        state.ScheduledStartAt = row.GetDateTimeOffset("ScheduledStartAt")?.UtcDateTime;
        state.Input = await largeText.ResolveAsync(row.GetString("Input"), cancellationToken);
        state.CustomStatus = await largeText.ResolveAsync(row.GetString("CustomStatus"), cancellationToken);
        state.Parent = await ReadJsonAsync<ParentInstance>(row, "Parent", cancellationToken);
        state.Pending = await ReadJsonAsync<List<HistoryEvent>>(row, "Pending", cancellationToken) ?? [];
        state.Outbox = await ReadJsonAsync<List<OutboxItem>>(row, "Outbox", cancellationToken) ?? [];
        state.OutboxDone = state.Outbox.Count == 0;

        if (ReadHistoryText(row) is { } historyText)
        {
            var text = await largeText.ResolveAsync(historyText, cancellationToken);
            state.History = JsonSerializer.Deserialize<List<HistoryEvent>>(text!, DurableJson.Options) ?? [];
        }

        return state;
    }

    /// <summary>
    /// Commits an episode: the state row with <paramref name="history"/> as the current execution's history (insert,
    /// or replace if its ETag still matches). Returns false when another worker committed first.
    /// </summary>
    public async Task<bool> TryCommitAsync(InstanceState state, IReadOnlyList<HistoryEvent> history, CancellationToken cancellationToken)
    {
        var stateRow = await ToStateRowAsync(state, cancellationToken);
        await WriteHistoryAsync(stateRow, history, cancellationToken);
        try
        {
            var response = state.ETag is { } etag
                ? await storage.History.UpdateEntityAsync(stateRow, etag, TableUpdateMode.Replace, cancellationToken)
                : await storage.History.AddEntityAsync(stateRow, cancellationToken);
            state.ETag = response.Headers.ETag;
            return true;
        }
        catch (RequestFailedException conflict) when (conflict.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>The history as properties of the state row: inline parts, or one blob reference when very long.</summary>
    private async Task WriteHistoryAsync(TableEntity stateRow, IReadOnlyList<HistoryEvent> history, CancellationToken cancellationToken)
    {
        var json = Serialize(history);
        if (json.Length > MaxInlineHistoryParts * LargeTextStore.MaxInlineTableChars)
        {
            stateRow[HistoryProperty + "0"] = await largeText.StoreAsync(json, stateRow.PartitionKey, maxInlineChars: 0, cancellationToken);
            return;
        }

        for (int part = 0, offset = 0; offset < json.Length || part == 0; part++, offset += LargeTextStore.MaxInlineTableChars)
        {
            stateRow[HistoryProperty + part.ToString(CultureInfo.InvariantCulture)] =
                json.Substring(offset, Math.Min(LargeTextStore.MaxInlineTableChars, json.Length - offset));
        }
    }

    /// <summary>The history text of a state row (inline parts joined, or a blob reference); null before the first commit with one.</summary>
    private static string? ReadHistoryText(TableEntity row)
    {
        if (row.GetString(HistoryProperty + "0") is not { } first)
        {
            return null;
        }

        var text = new StringBuilder(first);
        for (int part = 1; row.GetString(HistoryProperty + part.ToString(CultureInfo.InvariantCulture)) is { } next; part++)
        {
            text.Append(next);
        }

        return text.ToString();
    }

    /// <summary>The ids of every instance with a state row (a scan of the table: for start-up, not hot paths).</summary>
    public async IAsyncEnumerable<string> ListInstanceIdsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey ge {"state."} and RowKey lt {"state/"}");
        await foreach (var row in storage.History.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            yield return row.PartitionKey;
        }
    }

    /// <summary>Deletes the instance's History partition.</summary>
    public async Task DeleteAsync(string instanceId, CancellationToken cancellationToken)
    {
        var batch = new List<TableTransactionAction>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}");
        await foreach (var row in storage.History.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All));
            if (batch.Count == 100)
            {
                await storage.History.SubmitTransactionAsync(batch, cancellationToken);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await storage.History.SubmitTransactionAsync(batch, cancellationToken);
        }
    }

    private async Task<TableEntity> ToStateRowAsync(InstanceState state, CancellationToken cancellationToken)
    {
        var owner = state.InstanceId;
        var limit = LargeTextStore.MaxInlineTableChars;
        return new TableEntity(state.InstanceId, StateRowKey(state.InstanceId))
        {
            ["Name"] = state.Name,
            ["Version"] = state.Version,
            ["ExecutionId"] = state.ExecutionId,
            ["Status"] = state.Status.ToString(),
            ["Revision"] = state.Revision,
            ["CreatedAt"] = DateTime.SpecifyKind(state.CreatedAt == default ? DateTime.UnixEpoch : state.CreatedAt, DateTimeKind.Utc),
            ["ScheduledStartAt"] = state.ScheduledStartAt is { } startAt ? DateTime.SpecifyKind(startAt, DateTimeKind.Utc) : null,
            ["Input"] = await largeText.StoreAsync(state.Input, owner, limit, cancellationToken),
            ["CustomStatus"] = await largeText.StoreAsync(state.CustomStatus, owner, limit, cancellationToken),
            ["Parent"] = state.Parent is null ? null : Serialize(state.Parent),
            ["Pending"] = state.Pending.Count == 0 ? null : await largeText.StoreAsync(Serialize(state.Pending), owner, limit, cancellationToken),
            ["Outbox"] = state.Outbox.Count == 0 ? null : await largeText.StoreAsync(Serialize(state.Outbox), owner, limit, cancellationToken),
        };
    }

    private async Task<T?> ReadJsonAsync<T>(TableEntity row, string property, CancellationToken cancellationToken)
    {
        var text = await largeText.ResolveAsync(row.GetString(property), cancellationToken);
        return text is null ? default : JsonSerializer.Deserialize<T>(text, DurableJson.Options);
    }

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, DurableJson.Options);
}
