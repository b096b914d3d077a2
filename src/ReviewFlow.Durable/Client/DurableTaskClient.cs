using System.Runtime.CompilerServices;
using System.Text;
using Azure.Data.Tables;
using ReviewFlow.Durable.History;
using ReviewFlow.Durable.Storage;

namespace ReviewFlow.Durable;

/// <summary>
/// Starts, inspects and controls orchestration instances (mirrors <c>Microsoft.DurableTask.Client.DurableTaskClient</c>).
/// Safe to use from any process that can reach the task hub's storage.
/// </summary>
public sealed class DurableTaskClient
{
    private readonly TaskHubStorage _storage;
    private readonly InstanceTable _instances;
    private readonly InstanceStore _history;
    private readonly TimerStore _timers;
    private readonly QueueCodec _codec;
    private readonly LargeTextStore _largeText;
    private readonly DurableTaskRegistry _registry;
    private readonly TimeProvider _clock;

    // Set in a process that owns its task hub: an instance whose committed state this process holds exists, and
    // nobody else can purge it, so raising an event to it needs no look-up of its row.
    private readonly Worker.InstanceCache? _knownInstances;

    internal DurableTaskClient(
        TaskHubStorage storage,
        InstanceTable instances,
        InstanceStore history,
        TimerStore timers,
        QueueCodec codec,
        LargeTextStore largeText,
        DurableTaskRegistry registry,
        TimeProvider clock,
        Worker.InstanceCache? knownInstances = null)
    {
        _storage = storage;
        _instances = instances;
        _history = history;
        _timers = timers;
        _codec = codec;
        _largeText = largeText;
        _registry = registry;
        _clock = clock;
        _knownInstances = knownInstances;
    }

    /// <summary>Creates the task hub's tables, queues and container if they do not exist.</summary>
    public Task CreateTaskHubAsync(CancellationToken cancellationToken = default) => _storage.EnsureCreatedAsync(cancellationToken);

    /// <summary>Deletes every table, queue and container of the task hub.</summary>
    public Task DeleteTaskHubAsync(CancellationToken cancellationToken = default) => _storage.DeleteAllAsync(cancellationToken);

    /// <summary>
    /// Schedules a new instance and returns its id. Idempotent on the id: if the instance exists, nothing
    /// new starts (a start that was interrupted before its message was sent is completed).
    /// </summary>
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        InstanceIds.Validate(instanceId);
        var version = options?.Version ?? _registry.LatestVersionOf(orchestratorName) ?? DurableTaskRegistry.DefaultVersion;
        var now = _clock.GetUtcNow().UtcDateTime;
        var startAt = options?.StartAt?.UtcDateTime;
        var serializedInput = DurableJson.Serialize(input);
        var executionId = Guid.NewGuid().ToString("N");

        var row = new InstanceRow(instanceId, orchestratorName, version, executionId, OrchestrationRuntimeStatus.Pending, now, now, null, serializedInput, null, null, null, startAt);
        if (!await _instances.TryInsertAsync(row, cancellationToken))
        {
            var existing = await _instances.GetAsync(instanceId, cancellationToken);
            if (existing is not { Status: OrchestrationRuntimeStatus.Pending })
            {
                return instanceId; // already started (or finished): starting again is a no-op
            }

            executionId = existing.ExecutionId;
        }

        var start = new ControlMessage(instanceId, null, new ExecutionStarted(orchestratorName, version, serializedInput, executionId, ScheduledStartAt: startAt) { Timestamp = now });
        if (startAt is { } due && due > now)
        {
            await _timers.ScheduleAsync(due, $"{instanceId}.start", start, cancellationToken);
        }
        else
        {
            await _codec.SendControlAsync(_storage, start, cancellationToken);
        }

        return instanceId;
    }

    /// <summary>Sends an event to an instance. It is buffered until the orchestrator waits for it.</summary>
    public async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        await RequireExistingAsync(instanceId, cancellationToken);
        var raised = new EventRaised(eventName, DurableJson.Serialize(eventPayload), Guid.NewGuid().ToString("N")) { Timestamp = _clock.GetUtcNow().UtcDateTime };
        await SendAsync(instanceId, raised, cancellationToken);
    }

    /// <summary>
    /// Sends an event that arrives at <paramref name="deliverAt"/>: a durable timer holds it until then (under a
    /// virtual clock, time jumps to it like to any timer). Repeating the call with the same
    /// <paramref name="eventId"/> and time rewrites the same timer row, and an execution applies an event id
    /// once; a copy that arrives after the instance continued as new is a new event to the new execution.
    /// </summary>
    public async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload, DateTimeOffset deliverAt, string eventId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        if (eventId.Length > 200 || eventId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException($"Event id '{eventId}' must be at most 200 characters without '/', '\\', '#', '?' or control characters (it is part of a table key).", nameof(eventId));
        }

        await RequireExistingAsync(instanceId, cancellationToken);
        var due = deliverAt.UtcDateTime;
        var raised = new EventRaised(eventName, DurableJson.Serialize(eventPayload), eventId) { Timestamp = due };
        if (due <= _clock.GetUtcNow().UtcDateTime)
        {
            await SendAsync(instanceId, raised, cancellationToken);
            return;
        }

        await _timers.ScheduleAsync(due, $"{instanceId}.event.{eventId}", new ControlMessage(instanceId, null, raised), cancellationToken);
    }

    /// <summary>Stops an instance; it ends as Terminated and its parent (if any) sees a failure.</summary>
    public async Task TerminateInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        await RequireExistingAsync(instanceId, cancellationToken);
        await SendAsync(instanceId, new ExecutionTerminated(reason) { Timestamp = _clock.GetUtcNow().UtcDateTime }, cancellationToken);
    }

    /// <summary>Pauses an instance; events arriving meanwhile are held until it is resumed.</summary>
    public async Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        await RequireExistingAsync(instanceId, cancellationToken);
        await SendAsync(instanceId, new ExecutionSuspended(reason) { Timestamp = _clock.GetUtcNow().UtcDateTime }, cancellationToken);
    }

    /// <summary>Resumes a suspended instance.</summary>
    public async Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        await RequireExistingAsync(instanceId, cancellationToken);
        await SendAsync(instanceId, new ExecutionResumed(reason) { Timestamp = _clock.GetUtcNow().UtcDateTime }, cancellationToken);
    }

    /// <summary>Reads an instance, or null if it does not exist.</summary>
    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        InstanceIds.Validate(instanceId);
        var row = await _instances.GetAsync(instanceId, cancellationToken);
        return row is null ? null : ToMetadata(row, getInputsAndOutputs);
    }

    /// <summary>Reads the committed history of an instance's current execution, oldest first (diagnostics).</summary>
    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        InstanceIds.Validate(instanceId);
        var state = await _history.LoadAsync(instanceId, cancellationToken);
        return state.History;
    }

    /// <summary>Waits (polling) until the instance completes, fails or is terminated.</summary>
    public async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = true, CancellationToken cancellationToken = default)
    {
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            var metadata = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken);
            if (metadata is { IsCompleted: true })
            {
                return metadata;
            }

            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 500));
        }
    }

    /// <summary>
    /// Every instance matching the query, following continuation tokens page by page from the query's own
    /// (mirrors <c>GetAllInstancesAsync</c> of <c>Microsoft.DurableTask</c>).
    /// </summary>
    public async IAsyncEnumerable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = query;
        while (true)
        {
            var result = await QueryInstancesAsync(page, cancellationToken);
            foreach (var instance in result.Instances)
            {
                yield return instance;
            }

            if (result.ContinuationToken is null)
            {
                yield break;
            }

            page = page with { ContinuationToken = result.ContinuationToken };
        }
    }

    /// <summary>One page of instances matching the query.</summary>
    public async Task<OrchestrationQueryPage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(query), $"{nameof(OrchestrationQuery.PageSize)} must be between 1 and 1000.");
        }

        var (rows, token) = await _instances.QueryAsync(BuildFilter(query), query.PageSize, query.ContinuationToken, cancellationToken);
        return new OrchestrationQueryPage([.. rows.Select(r => ToMetadata(r, getInputsAndOutputs: false))], token);
    }

    /// <summary>
    /// Deletes a finished instance: its history, its row and its payload blobs. Returns false when the
    /// instance does not exist; throws when it has not finished (purge a running instance by terminating it first).
    /// </summary>
    public async Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        InstanceIds.Validate(instanceId);
        var row = await _instances.GetAsync(instanceId, cancellationToken);
        if (row is null)
        {
            return false;
        }

        if (!row.Status.IsTerminal())
        {
            throw new InvalidOperationException($"Instance '{instanceId}' is {row.Status}; only completed, failed or terminated instances can be purged.");
        }

        _knownInstances?.Remove(instanceId);
        await _history.DeleteAsync(instanceId, cancellationToken);
        await _largeText.DeleteOwnedByAsync(instanceId, cancellationToken);
        await _instances.DeleteAsync(instanceId, cancellationToken);
        return true;
    }

    private async Task RequireExistingAsync(string instanceId, CancellationToken cancellationToken)
    {
        InstanceIds.Validate(instanceId);
        if (_knownInstances?.Contains(instanceId) != true && await _instances.GetAsync(instanceId, cancellationToken) is null)
        {
            throw new InvalidOperationException($"No orchestration instance '{instanceId}' exists in task hub '{_storage.Options.TaskHubName}'.");
        }
    }

    private Task SendAsync(string instanceId, HistoryEvent e, CancellationToken cancellationToken)
        => _codec.SendControlAsync(_storage, new ControlMessage(instanceId, null, e), cancellationToken);

    private static string? BuildFilter(OrchestrationQuery query)
    {
        var clauses = new List<string>();
        if (query.Statuses is { Count: > 0 } statuses)
        {
            clauses.Add("(" + string.Join(" or ", statuses.Select(s => TableClient.CreateQueryFilter($"RuntimeStatus eq {s.ToString()}"))) + ")");
        }

        if (query.Name is { } name)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Name eq {name}"));
        }

        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            var prefix = query.InstanceIdPrefix;
            var upper = prefix[..^1] + (char)(prefix[^1] + 1);
            clauses.Add(TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {upper}"));
        }

        if (query.CreatedFrom is { } from)
        {
            clauses.Add(TableClient.CreateQueryFilter($"CreatedAt ge {DateTime.SpecifyKind(from, DateTimeKind.Utc)}"));
        }

        if (query.CreatedTo is { } to)
        {
            clauses.Add(TableClient.CreateQueryFilter($"CreatedAt lt {DateTime.SpecifyKind(to, DateTimeKind.Utc)}"));
        }

        return clauses.Count == 0 ? null : string.Join(" and ", clauses);
    }

    private static OrchestrationMetadata ToMetadata(InstanceRow row, bool getInputsAndOutputs) => new(
        row.InstanceId,
        row.Name,
        row.Version,
        row.Status,
        row.CreatedAt,
        row.LastUpdatedAt,
        row.CompletedAt,
        row.ScheduledStartAt,
        getInputsAndOutputs ? row.Input : null,
        getInputsAndOutputs ? row.Output : null,
        row.CustomStatus,
        row.Failure);
}

/// <summary>Rules for instance ids: they become table keys and queue-message fields.</summary>
internal static class InstanceIds
{
    public const int MaxLength = 256;

    public static void Validate(string instanceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        if (instanceId.Length > MaxLength)
        {
            throw new ArgumentException($"An instance id is at most {MaxLength} characters; got {instanceId.Length}.", nameof(instanceId));
        }

        var bad = instanceId.FirstOrDefault(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
        if (bad != default)
        {
            throw new ArgumentException(
                $"Instance id '{Printable(instanceId)}' contains '{Printable(bad.ToString())}'; ids may not contain / \\ # ? or control characters.",
                nameof(instanceId));
        }
    }

    private static string Printable(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return builder.ToString();
    }
}
