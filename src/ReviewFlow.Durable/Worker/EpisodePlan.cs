using ReviewFlow.Durable.History;
using ReviewFlow.Durable.Replay;
using ReviewFlow.Durable.Storage;

namespace ReviewFlow.Durable.Worker;

/// <summary>
/// Decides what one episode does with an instance's incoming events (apply, hold, drop) and collects
/// what it commits: the history chunk, the new state, and the outbox of side effects.
/// </summary>
internal sealed class EpisodePlan(InstanceState state, DateTime now)
{
    private readonly List<OutboxItem> _outbox = [];
    private List<HistoryEvent> _pending = state.Pending;
    private OrchestrationRuntimeStatus _status = state.Status;
    private string? _customStatus = state.CustomStatus;
    private string? _output;
    private TaskFailureDetails? _failure;
    private ContinueAsNewRequest? _continueAsNew;
    private string? _newExecutionId;
    private bool _rowChanged;

    /// <summary>The instance status once the incoming events are sorted (the code runs only when Running).</summary>
    public OrchestrationRuntimeStatus Status => _status;

    /// <summary>Events the orchestrator sees in this episode, in order.</summary>
    public List<HistoryEvent> ToApply { get; } = [];

    /// <summary>True when the code continued as new: the next execution starts as soon as this episode is done.</summary>
    public bool ContinuesAsNew => _continueAsNew is not null;

    /// <summary>True when the held events changed even if nothing is applied.</summary>
    public bool PendingChanged { get; private set; }

    /// <summary>The history chunk this episode appends.</summary>
    public List<HistoryEvent> Chunk { get; } = [];

    /// <summary>Splits earlier held events plus the incoming ones into applied, held and dropped.</summary>
    public void Sort(List<HistoryEvent> incoming)
    {
        var held = new List<HistoryEvent>();
        var started = state.Started;
        foreach (var e in state.Pending.Concat(incoming))
        {
            if (_status.IsTerminal())
            {
                continue;
            }

            switch (e)
            {
                case ExecutionStarted start when !started:
                    started = true;
                    Start(start);
                    break;
                case ExecutionStarted:
                    break;
                case ExecutionTerminated terminated:
                    ToApply.Add(e);
                    _status = OrchestrationRuntimeStatus.Terminated;
                    _output = DurableJson.Serialize(terminated.Reason);
                    break;
                case WorkItemDeadLettered deadLettered:
                    ToApply.Add(e);
                    _status = OrchestrationRuntimeStatus.Failed;
                    _failure = new TaskFailureDetails(
                        "ReviewFlow.Durable.DeadLettered",
                        $"{deadLettered.Description} was dead-lettered after {deadLettered.Attempts} attempts. Last error: {deadLettered.LastError}");
                    break;
                case var _ when !started:
                    held.Add(e); // an event for an instance that has not started yet: keep it for the start
                    break;
                case ExecutionSuspended when _status == OrchestrationRuntimeStatus.Running:
                    ToApply.Add(e);
                    _status = OrchestrationRuntimeStatus.Suspended;
                    break;
                case ExecutionResumed when _status == OrchestrationRuntimeStatus.Suspended:
                    ToApply.Add(e);
                    _status = OrchestrationRuntimeStatus.Running;
                    ToApply.AddRange(held);
                    held.Clear();
                    break;
                case ExecutionSuspended or ExecutionResumed:
                    break;
                case var _ when _status == OrchestrationRuntimeStatus.Suspended:
                    held.Add(e);
                    break;
                default:
                    ToApply.Add(e);
                    break;
            }
        }

        PendingChanged = held.Count != state.Pending.Count || held.Where((e, i) => !ReferenceEquals(e, state.Pending[i])).Any();
        _pending = held;
        if (_status != state.Status)
        {
            _rowChanged = true;
        }
    }

    /// <summary>Records what the orchestrator did with the applied events.</summary>
    public void Record(ExecutionResult result, DurableTaskRegistry registry)
    {
        BeginChunk();
        foreach (var action in result.NewActions)
        {
            Chunk.Add(action.ToHistoryEvent(now));
            _outbox.Add(ToOutboxItem(action, registry));
        }

        DeleteTimerRows(result.CancelledTimers);
        if (result.CustomStatusChanged && result.CustomStatus != _customStatus)
        {
            _customStatus = result.CustomStatus;
            _rowChanged = true;
        }

        if (result.Completion is not { } completion)
        {
            return;
        }

        Chunk.Add(completion);
        if (result.OpenTimers is { } open)
        {
            // The replay knows which timers are still open; history alone cannot tell a cancelled one.
            DeleteTimerRows(open);
        }
        else
        {
            ReleasePendingTimers();
        }

        _rowChanged = true;
        if (result.ContinueAsNew is { } continueAsNew)
        {
            _continueAsNew = continueAsNew;
            _newExecutionId = Guid.NewGuid().ToString("N");
            _pending = [
                new ExecutionStarted(state.Name!, continueAsNew.NewVersion ?? state.Version!, continueAsNew.Input, _newExecutionId, state.Parent) { Timestamp = now },
                .. continueAsNew.CarriedEvents,
                .. _pending,
            ];
            return;
        }

        _status = completion.Status;
        _output = completion.Result;
        _failure = completion.Failure;
        NotifyParent();
    }

    /// <summary>Records lifecycle events that end or pause the instance without running its code.</summary>
    public void RecordWithoutReplay()
    {
        if (state.ExecutionId is null)
        {
            return; // terminated before it started: there is no execution to write history for
        }

        BeginChunk();
        if (_status is OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Failed)
        {
            Chunk.Add(new ExecutionCompleted(_status, _output, _failure) { Timestamp = now });
            ReleasePendingTimers();
            NotifyParent();
        }
    }

    /// <summary>
    /// Moves the planned values into the state before it is committed. <paramref name="carried"/> is the outbox of an
    /// episode committed in the same write (one that continued as new); of two updates of the Instances row, the later wins.
    /// </summary>
    public void ApplyTo(InstanceState target, IReadOnlyList<OutboxItem> carried)
    {
        target.Status = _status;
        target.Pending = _pending;
        target.CustomStatus = _customStatus;
        if (_continueAsNew is not null)
        {
            target.ExecutionId = _newExecutionId;
            target.Input = _continueAsNew.Input;
            target.Version = _continueAsNew.NewVersion ?? target.Version;
        }

        if (_rowChanged)
        {
            var terminal = _status.IsTerminal();
            _outbox.Add(new UpdateInstanceRow(new InstanceRow(
                target.InstanceId,
                target.Name ?? string.Empty,
                target.Version ?? string.Empty,
                target.ExecutionId ?? string.Empty,
                _status,
                target.CreatedAt,
                now,
                terminal ? now : null,
                target.Input,
                terminal ? _output : null,
                _customStatus,
                terminal ? _failure : null,
                target.ScheduledStartAt,
                Revision: target.Revision + 1)));
        }

        var rowUpdated = _outbox.Any(item => item is UpdateInstanceRow);
        target.Outbox = [.. carried.Where(item => !(rowUpdated && item is UpdateInstanceRow)), .. _outbox];
        target.OutboxDone = false;
    }

    /// <summary>
    /// The current execution's history once this episode is committed: the history so far and this episode's chunk,
    /// or nothing when the code continued as new (the next execution starts empty).
    /// </summary>
    public List<HistoryEvent> HistoryAfterCommit()
        => _continueAsNew is not null ? [] : [.. state.History, .. Chunk];

    private void Start(ExecutionStarted start)
    {
        state.Name = start.Name;
        state.Version = start.Version;
        state.ExecutionId = start.ExecutionId;
        state.Parent = start.Parent;
        state.Input = start.Input;
        state.ScheduledStartAt ??= start.ScheduledStartAt;
        if (state.CreatedAt == default)
        {
            // The time the client (or parent) scheduled it, so latency includes the wait in the queue.
            state.CreatedAt = start.Timestamp != default ? start.Timestamp : now;
        }

        _status = OrchestrationRuntimeStatus.Running;
        _rowChanged = true;
        ToApply.Add(start);
    }

    private void BeginChunk()
    {
        Chunk.Add(new OrchestratorStarted { Timestamp = now });
        Chunk.AddRange(ToApply);
    }

    private OutboxItem ToOutboxItem(OrchestratorAction action, DurableTaskRegistry registry) => action switch
    {
        ScheduleActivityAction a => new SendActivity(new ActivityWorkItem(state.InstanceId, state.ExecutionId!, a.TaskId, a.Name, a.Input)),
        CreateTimerAction t => ScheduleTimer.ForOrchestration(state.InstanceId, state.ExecutionId!, t.TaskId, t.FireAt),
        StartSubOrchestrationAction s => new SendControl(new ControlMessage(
            s.InstanceId,
            null,
            new ExecutionStarted(
                s.Name,
                s.Version ?? registry.LatestVersionOf(s.Name) ?? DurableTaskRegistry.DefaultVersion,
                s.Input,
                Guid.NewGuid().ToString("N"),
                new ParentInstance(state.InstanceId, state.ExecutionId!, s.TaskId, s.Name)) { Timestamp = now })),
        _ => throw new InvalidOperationException($"Unknown action {action.GetType().Name}."),
    };

    private void DeleteTimerRows(IEnumerable<CreateTimerAction> timers)
        => _outbox.AddRange(timers.Select(t => new DeleteTimer(t.FireAt, TimerKey(t.TaskId))));

    private string TimerKey(int taskId) => TimerStore.OrchestrationTimerKey(state.InstanceId, state.ExecutionId!, taskId);

    /// <summary>
    /// Deletes the rows of timers that will never matter now that the execution ended: every timer that has not
    /// fired, since history does not record cancellations (deleting a row already gone is harmless).
    /// </summary>
    private void ReleasePendingTimers()
    {
        foreach (var timer in HistoryTimers.Unfired(state.History.Concat(Chunk)))
        {
            _outbox.Add(new DeleteTimer(timer.FireAt, TimerKey(timer.TaskId)));
        }
    }

    private void NotifyParent()
    {
        if (state.Parent is not { } parent)
        {
            return;
        }

        HistoryEvent report = _status == OrchestrationRuntimeStatus.Completed
            ? new SubOrchestrationCompleted(parent.TaskId, _output) { Timestamp = now }
            : new SubOrchestrationFailed(
                parent.TaskId,
                _failure ?? new TaskFailureDetails("ReviewFlow.Durable.Terminated", $"Sub-orchestration '{state.InstanceId}' was {_status.ToString().ToLowerInvariant()}.")) { Timestamp = now };
        _outbox.Add(new SendControl(new ControlMessage(parent.InstanceId, parent.ExecutionId, report)));
    }
}
