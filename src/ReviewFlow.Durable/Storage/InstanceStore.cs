using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ReviewFlow.Durable.History;
using ReviewFlow.Tables;

namespace ReviewFlow.Durable.Storage;

/// <summary>
/// Reads and commits instance state. Each instance has one state row in the History table, which holds the history
/// of the current execution: <c>History0..N</c> as last written whole (or a blob when very long), then the events of
/// each episode since, <c>Episode0..N</c>. A commit writes the row guarded by its ETag, so of two racing workers
/// exactly one wins: whole for a new execution, otherwise as a merge of what the episode changed.
/// </summary>
/// <remarks>
/// One row, not a row per episode: a commit is then a single conditional write (which can share a transaction with
/// other instances' commits), a load is a single point read, and the table holds one row per instance instead of one
/// per episode ever committed (executions are short: a seller's cycle continues as new every review period).
/// </remarks>
internal sealed class InstanceStore(TaskHubStorage storage, LargeTextStore largeText)
{
    /// <summary>
    /// State rows are spread over this many partitions by a hash of the instance id. Sharing a partition lets the
    /// commits of many instances go in one transaction (<see cref="PartitionBatchWriter"/>); a few of them spread the load
    /// on a storage account (2,000 entities a second per partition). Part of a task hub's layout: never change it for
    /// a hub in use.
    /// </summary>
    internal const int StatePartitions = 4;

    private readonly PartitionBatchWriter _writer = new(storage.History);

    /// <summary>Where an instance's state row is.</summary>
    internal static (string PartitionKey, string RowKey) StateRowOf(string instanceId)
        => ("state-" + TaskHubStorage.PartitionOf(instanceId, StatePartitions).ToString(CultureInfo.InvariantCulture), StateRowPrefix + instanceId);

    /// <summary>
    /// The row key names the instance; the partition is shared. Azurite (LokiJS) finds an entity through its row key
    /// first, so a key that named only the partition would turn each look-up into a scan.
    /// </summary>
    private const string StateRowPrefix = "state.";

    private const string HistoryProperty = "History";

    /// <summary>Events an episode added since the history was last written whole: <c>Episode0..N</c>, each a JSON array.</summary>
    private const string EpisodeProperty = "Episode";

    /// <summary>
    /// Episodes appended before a commit writes the history whole again, which keeps a row's property count (252 at
    /// most) and the arrays a load reads bounded. A seller's review period is about ten episodes.
    /// </summary>
    internal const int MaxAppendedEpisodes = 32;

    // An entity holds at most 1 MiB and its other text properties up to about 250 KB: up to this many
    // 30K-character parts inline (about 480 KB as UTF-16), a blob beyond.
    internal const int MaxInlineHistoryParts = 8;

    /// <summary>Loads an instance, or returns a fresh (uncommitted) state when it does not exist.</summary>
    public async Task<InstanceState> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var (partitionKey, rowKey) = StateRowOf(instanceId);
        var stateRow = await storage.History.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
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

        var historyChars = 0;
        if (ReadHistoryText(row) is { } historyText)
        {
            historyChars = historyText.Length;
            var text = await largeText.ResolveAsync(historyText, cancellationToken);
            state.History = JsonSerializer.Deserialize<List<HistoryEvent>>(text!, DurableJson.Options) ?? [];
        }

        var episodes = 0;
        for (; row.GetString(EpisodeName(episodes)) is { } added; episodes++)
        {
            historyChars += added.Length;
            state.History.AddRange(JsonSerializer.Deserialize<List<HistoryEvent>>(added, DurableJson.Options) ?? []);
        }

        state.Stored = new StoredRow(state.ExecutionId, state.History.Count, episodes, historyChars, state.CustomStatus);
        return state;
    }

    /// <summary>
    /// Commits an episode: the state row with <paramref name="history"/> as the current execution's history (insert,
    /// or replace if its ETag still matches; a merge of what the episode changed when the row holds the rest). Returns
    /// false when another worker committed first.
    /// </summary>
    public async Task<bool> TryCommitAsync(InstanceState state, IReadOnlyList<HistoryEvent> history, CancellationToken cancellationToken)
    {
        var appended = await AppendedRowAsync(state, history, cancellationToken);
        var (row, stored) = appended ?? await WholeRowAsync(state, history, cancellationToken);
        var write = state.ETag is { } match
            ? new TableTransactionAction(appended is null ? TableTransactionActionType.UpdateReplace : TableTransactionActionType.UpdateMerge, row, match)
            : new TableTransactionAction(TableTransactionActionType.Add, row);
        var etag = await _writer.WriteAsync(write, cancellationToken);
        if (etag is null)
        {
            return false;
        }

        state.ETag = etag;
        state.Stored = stored;
        return true;
    }

    /// <summary>
    /// The commit as a merge into the stored row: the events the episode added, as one more <c>Episode</c> property, and
    /// the small properties an episode changes. The history is most of a row, and an episode adds a little to it: this
    /// keeps a commit's size to what is new. Null when the row must be written whole: a new execution, a row this
    /// process has not read or written, a cleared custom status, or appended episodes past their limits.
    /// </summary>
    private async Task<(TableEntity Row, StoredRow Stored)?> AppendedRowAsync(InstanceState state, IReadOnlyList<HistoryEvent> history, CancellationToken cancellationToken)
    {
        if (state.ETag is null
            || state.Stored is not { } stored
            || stored.ExecutionId != state.ExecutionId
            || history.Count < stored.Events
            || stored.Episodes >= MaxAppendedEpisodes
            || (state.CustomStatus is null && stored.CustomStatus is not null))
        {
            return null;
        }

        var added = history.Count == stored.Events ? null : Serialize(history.Skip(stored.Events).ToList());
        var historyChars = stored.HistoryChars + (added?.Length ?? 0);
        if (added is not null && (added.Length > LargeTextStore.MaxInlineTableChars || historyChars > MaxInlineHistoryParts * LargeTextStore.MaxInlineTableChars))
        {
            return null;
        }

        var owner = state.InstanceId;
        var limit = LargeTextStore.MaxInlineTableChars;
        var (partitionKey, rowKey) = StateRowOf(state.InstanceId);
        var row = new TableEntity(partitionKey, rowKey)
        {
            ["Status"] = state.Status.ToString(),
            ["Revision"] = state.Revision,

            // A merge leaves alone what it is not sent, null included: empty text is what clears an earlier episode's.
            ["Pending"] = state.Pending.Count == 0 ? string.Empty : await largeText.StoreAsync(Serialize(state.Pending), owner, limit, cancellationToken),
            ["Outbox"] = state.Outbox.Count == 0 ? string.Empty : await largeText.StoreAsync(Serialize(state.Outbox), owner, limit, cancellationToken),
        };
        if (state.CustomStatus != stored.CustomStatus)
        {
            row["CustomStatus"] = await largeText.StoreAsync(state.CustomStatus, owner, limit, cancellationToken);
        }

        var episodes = stored.Episodes;
        if (added is not null)
        {
            row[EpisodeName(episodes++)] = added;
        }

        return (row, stored with { Events = history.Count, Episodes = episodes, HistoryChars = historyChars, CustomStatus = state.CustomStatus });
    }

    /// <summary>The whole state row, which replaces the stored one (and with it any appended episodes).</summary>
    private async Task<(TableEntity Row, StoredRow Stored)> WholeRowAsync(InstanceState state, IReadOnlyList<HistoryEvent> history, CancellationToken cancellationToken)
    {
        var row = await ToStateRowAsync(state, cancellationToken);
        var historyChars = await WriteHistoryAsync(row, history, state.InstanceId, cancellationToken);
        return (row, new StoredRow(state.ExecutionId, history.Count, 0, historyChars, state.CustomStatus));
    }

    /// <summary>
    /// The history as properties of the state row: inline parts, or one blob reference when very long. Returns the
    /// characters it put in the row.
    /// </summary>
    private async Task<int> WriteHistoryAsync(TableEntity stateRow, IReadOnlyList<HistoryEvent> history, string owner, CancellationToken cancellationToken)
    {
        var json = Serialize(history);
        if (json.Length > MaxInlineHistoryParts * LargeTextStore.MaxInlineTableChars)
        {
            var reference = await largeText.StoreAsync(json, owner, maxInlineChars: 0, cancellationToken);
            stateRow[HistoryProperty + "0"] = reference;
            return reference!.Length;
        }

        for (int part = 0, offset = 0; offset < json.Length || part == 0; part++, offset += LargeTextStore.MaxInlineTableChars)
        {
            stateRow[HistoryProperty + part.ToString(CultureInfo.InvariantCulture)] =
                json.Substring(offset, Math.Min(LargeTextStore.MaxInlineTableChars, json.Length - offset));
        }

        return json.Length;
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
        var filter = TableClient.CreateQueryFilter($"RowKey ge {StateRowPrefix} and RowKey lt {"state/"}");
        await foreach (var row in storage.History.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            yield return row.RowKey[StateRowPrefix.Length..];
        }
    }

    /// <summary>Deletes the instance's state row.</summary>
    public async Task DeleteAsync(string instanceId, CancellationToken cancellationToken)
    {
        var (partitionKey, rowKey) = StateRowOf(instanceId);
        await storage.History.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
    }

    private async Task<TableEntity> ToStateRowAsync(InstanceState state, CancellationToken cancellationToken)
    {
        var owner = state.InstanceId;
        var limit = LargeTextStore.MaxInlineTableChars;
        var (partitionKey, rowKey) = StateRowOf(state.InstanceId);
        return new TableEntity(partitionKey, rowKey)
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
        // Empty: cleared by a merge (see AppendedRowAsync).
        var text = await largeText.ResolveAsync(row.GetString(property), cancellationToken);
        return string.IsNullOrEmpty(text) ? default : JsonSerializer.Deserialize<T>(text, DurableJson.Options);
    }

    private static string EpisodeName(int episode) => EpisodeProperty + episode.ToString(CultureInfo.InvariantCulture);

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, DurableJson.Options);
}
