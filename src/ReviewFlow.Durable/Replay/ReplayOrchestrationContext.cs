using Microsoft.Extensions.Logging;
using ReviewFlow.Durable.History;

namespace ReviewFlow.Durable.Replay;

/// <summary>
/// The context handed to orchestrator code during one episode. Every durable call becomes a numbered
/// action backed by a TaskCompletionSource; <see cref="OrchestrationReplayer"/> completes them from history.
/// </summary>
internal sealed class ReplayOrchestrationContext(
    string instanceId,
    string executionId,
    string name,
    string version,
    ILoggerFactory loggerFactory) : TaskOrchestrationContext
{
    private readonly Dictionary<int, OpenTask> _open = [];
    private readonly SortedDictionary<int, OrchestratorAction> _unconfirmed = [];
    private readonly HashSet<int> _cancelledTimers = [];
    private readonly Dictionary<int, CreateTimerAction> _timers = [];
    private readonly List<EventRaised> _bufferedEvents = [];
    private readonly List<EventWaiter> _waiters = [];
    private int _nextTaskId;
    private int _guidCounter;

    public override string InstanceId => instanceId;

    public override string ExecutionId => executionId;

    public override string Name => name;

    public override string Version => version;

    public override DateTime CurrentUtcDateTime => CurrentTime;

    public override bool IsReplaying => Replaying;

    internal DateTime CurrentTime { get; set; }

    internal bool Replaying { get; set; } = true;

    internal string? Input { get; set; }

    internal ContinueAsNewRequest? ContinueAsNewRequested { get; private set; }

    internal string? CustomStatus { get; private set; }

    internal bool CustomStatusChanged { get; private set; }

    public override Guid NewGuid() => DeterministicGuid.Create($"{instanceId}:{executionId}:{_guidCounter++}");

    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var serializedInput = DurableJson.Serialize(input);
        return ReadAs<TResult>(WithRetry(
            () => Schedule(id => new ScheduleActivityAction(id, name, serializedInput), name),
            options?.Retry));
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(string name, object? input = null, SubOrchestrationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var serializedInput = DurableJson.Serialize(input);
        var attempts = 0;
        return ReadAs<TResult>(WithRetry(
            () => Schedule(
                id => new StartSubOrchestrationAction(
                    id,
                    name,
                    // A retry is a new child: an explicit id is used for the first attempt only, and derived
                    // ids include the execution so they stay unique across ContinueAsNew.
                    attempts++ == 0 && options?.InstanceId is { } explicitId ? explicitId : $"{instanceId}:{executionId[..8]}:{id}",
                    options?.Version,
                    serializedInput),
                name),
            options?.Retry));
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var fireAtUtc = DateTime.SpecifyKind(fireAt, DateTimeKind.Utc);
        var id = _nextTaskId;
        var task = Schedule(taskId => new CreateTimerAction(taskId, fireAtUtc), "timer");
        _timers[id] = new CreateTimerAction(id, fireAtUtc);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (_open.Remove(id, out var open))
                {
                    if (!Replaying)
                    {
                        // A cancellation met again while replaying was acted on in the episode that made it.
                        _cancelledTimers.Add(id);
                    }

                    open.Completion.TrySetCanceled(cancellationToken);
                }
            });
        }

        return task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var index = _bufferedEvents.FindIndex(e => string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            var buffered = _bufferedEvents[index];
            _bufferedEvents.RemoveAt(index);
            return ReadAs<T>(Task.FromResult(buffered.Input));
        }

        var waiter = new EventWaiter(eventName, new TaskCompletionSource<string?>());
        _waiters.Add(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                _waiters.Remove(waiter);
                waiter.Completion.TrySetCanceled(cancellationToken);
            });
        }

        return ReadAs<T>(waiter.Completion.Task);
    }

    public override void ContinueAsNew(object? newInput, ContinueAsNewOptions? options = null)
    {
        options ??= new ContinueAsNewOptions();
        ContinueAsNewRequested = new ContinueAsNewRequest(
            DurableJson.Serialize(newInput),
            options.NewVersion,
            options.PreserveUnprocessedEvents ? _bufferedEvents : []);
    }

    public override void SetCustomStatus(object? customStatus)
    {
        CustomStatus = DurableJson.Serialize(customStatus);
        CustomStatusChanged = true;
    }

    public override T GetInput<T>() => DurableJson.Deserialize<T>(Input);

    public override ILogger CreateReplaySafeLogger(string categoryName)
        => new ReplaySafeLogger(loggerFactory.CreateLogger(categoryName), () => Replaying);

    /// <summary>Matches an action recorded in history with the one the code produced.</summary>
    internal void ConfirmRecordedAction(TaskEvent recorded)
    {
        if (!_unconfirmed.Remove(recorded.TaskId, out var action))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestrator '{name}' (instance '{instanceId}'): history expects " +
                $"{RecordedActionDescription.Describe(recorded)} but the orchestrator did not ask for it " +
                $"(it has made {_nextTaskId} durable call(s) so far).");
        }

        if (!RecordedActionDescription.Matches(recorded, action))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestrator '{name}' (instance '{instanceId}'): history expects " +
                $"{RecordedActionDescription.Describe(recorded)} but the orchestrator now does {action.Describe()}.");
        }
    }

    /// <summary>Completes the open task with this id (an activity result, timer, or child output).</summary>
    internal void CompleteTask(int taskId, string? result)
    {
        if (_open.Remove(taskId, out var open))
        {
            open.Completion.TrySetResult(result);
        }
    }

    /// <summary>Fails the open task with this id.</summary>
    internal void FailTask(int taskId, TaskFailureDetails failure)
    {
        if (_open.Remove(taskId, out var open))
        {
            open.Completion.TrySetException(new TaskFailedException(open.Name, taskId, failure));
        }
    }

    /// <summary>Hands an event to the oldest waiter for its name, or buffers it.</summary>
    internal void DeliverEvent(EventRaised raised)
    {
        var waiter = _waiters.Find(w => string.Equals(w.Name, raised.Name, StringComparison.OrdinalIgnoreCase));
        if (waiter is null)
        {
            _bufferedEvents.Add(raised);
            return;
        }

        _waiters.Remove(waiter);
        waiter.Completion.TrySetResult(raised.Input);
    }

    /// <summary>Actions produced in this episode that history does not have yet.</summary>
    internal IEnumerable<OrchestratorAction> UnconfirmedActions => _unconfirmed.Values;

    /// <summary>Timers this episode cancelled before they fired.</summary>
    internal IEnumerable<CreateTimerAction> CancelledTimers => _cancelledTimers.Select(id => _timers[id]);

    /// <summary>Timers still waiting to fire: neither fired nor cancelled.</summary>
    internal IEnumerable<CreateTimerAction> OpenTimers => _timers.Where(t => _open.ContainsKey(t.Key)).Select(t => t.Value);

    private Task<string?> Schedule(Func<int, OrchestratorAction> createAction, string displayName)
    {
        var id = _nextTaskId++;
        var action = createAction(id);
        _unconfirmed.Add(id, action);
        var completion = new TaskCompletionSource<string?>();
        _open.Add(id, new OpenTask(displayName, completion));
        return completion.Task;
    }

    private async Task<string?> WithRetry(Func<Task<string?>> attempt, RetryPolicy? policy)
    {
        if (policy is null)
        {
            return await attempt();
        }

        policy.Validate();
        for (var attemptNumber = 1; ; attemptNumber++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException failed) when (
                attemptNumber < policy.MaxNumberOfAttempts && (policy.Handle?.Invoke(failed.FailureDetails) ?? true))
            {
                await CreateTimer(CurrentTime + policy.DelayBefore(attemptNumber + 1), CancellationToken.None);
            }
        }
    }

    private static async Task<T> ReadAs<T>(Task<string?> raw) => DurableJson.Deserialize<T>(await raw);

    private sealed record OpenTask(string Name, TaskCompletionSource<string?> Completion);

    private sealed record EventWaiter(string Name, TaskCompletionSource<string?> Completion);
}
