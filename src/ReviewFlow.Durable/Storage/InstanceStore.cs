using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ReviewFlow.Durable.History;

namespace ReviewFlow.Durable.Storage;

/// <summary>
/// Reads and commits instance state. One History partition per instance holds a state row and one
/// row per episode (a chunk of history events); a commit writes both in one entity-group transaction
/// guarded by the state row's ETag, so of two racing workers exactly one wins.
/// </summary>
internal sealed class InstanceStore(TaskHubStorage storage, LargeTextStore largeText)
{
    /// <summary>
    /// The state row's key names its instance, although the partition already does: Azurite (LokiJS) finds an
    /// entity through its row key first, so a row key that every partition shares ("state") turns each commit's
    /// look-up into a scan of every instance of the task hub. Azure Storage does not care either way.
    /// </summary>
    private static string StateRowKey(string instanceId) => "state." + instanceId;

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
        state.Episode = row.GetInt32("Episode") ?? 0;
        state.Revision = row.GetInt64("Revision") ?? 0;
        state.CreatedAt = row.GetDateTimeOffset("CreatedAt")?.UtcDateTime ?? default;
        state.ScheduledStartAt = row.GetDateTimeOffset("ScheduledStartAt")?.UtcDateTime;
        state.Input = await largeText.ResolveAsync(row.GetString("Input"), cancellationToken);
        state.CustomStatus = await largeText.ResolveAsync(row.GetString("CustomStatus"), cancellationToken);
        state.Parent = await ReadJsonAsync<ParentInstance>(row, "Parent", cancellationToken);
        state.Pending = await ReadJsonAsync<List<HistoryEvent>>(row, "Pending", cancellationToken) ?? [];
        state.Outbox = await ReadJsonAsync<List<OutboxItem>>(row, "Outbox", cancellationToken) ?? [];
        state.OutboxDone = state.Outbox.Count == 0;

        if (state.ExecutionId is not null && state.Episode > 0)
        {
            state.History = await LoadHistoryAsync(instanceId, state.ExecutionId, state.Episode, cancellationToken);
        }

        return state;
    }

    /// <summary>Reads every history chunk of an execution, in episode order.</summary>
    public async Task<List<HistoryEvent>> LoadHistoryAsync(string instanceId, string executionId, int episodes, CancellationToken cancellationToken)
    {
        var chunks = new SortedDictionary<string, List<HistoryEvent>>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {instanceId} and RowKey ge {executionId + "."} and RowKey lt {executionId + "/"}");
        await foreach (var row in storage.History.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            chunks[row.RowKey] = await ReadJsonAsync<List<HistoryEvent>>(row, "Events", cancellationToken) ?? [];
        }

        if (chunks.Count < episodes)
        {
            throw new InvalidOperationException(
                $"History of instance '{instanceId}' execution {executionId} has {chunks.Count} chunk(s); the state row says {episodes}.");
        }

        return [.. chunks.Values.Take(episodes).SelectMany(c => c)];
    }

    /// <summary>
    /// Commits an episode: the state row (insert, or replace if its ETag still matches) and, when there are
    /// new events, the next history chunk. Returns false when another worker committed first.
    /// </summary>
    public async Task<bool> TryCommitAsync(InstanceState state, IReadOnlyList<HistoryEvent> newChunk, string chunkExecutionId, int chunkEpisode, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>(2);
        var stateRow = await ToStateRowAsync(state, cancellationToken);
        actions.Add(state.ETag is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, stateRow, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, stateRow));
        if (newChunk.Count > 0)
        {
            var chunk = new TableEntity(state.InstanceId, $"{chunkExecutionId}.{chunkEpisode:D6}")
            {
                ["Events"] = await largeText.StoreAsync(Serialize(newChunk), state.InstanceId, LargeTextStore.MaxInlineTableChars, cancellationToken),
            };
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, chunk));
        }

        try
        {
            var response = await storage.History.SubmitTransactionAsync(actions, cancellationToken);
            state.ETag = response.Value[0].Headers.ETag;
            return true;
        }
        catch (TableTransactionFailedException conflict) when (conflict.Status is 409 or 412)
        {
            return false;
        }
        catch (RequestFailedException conflict) when (conflict.Status is 409 or 412)
        {
            return false;
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
            ["Episode"] = state.Episode,
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
