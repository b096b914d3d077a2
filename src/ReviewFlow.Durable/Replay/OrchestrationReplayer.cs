using Microsoft.Extensions.Logging;
using ReviewFlow.Durable.History;

namespace ReviewFlow.Durable.Replay;

/// <summary>
/// Runs one episode: replays the recorded history through the orchestrator code, checking that the
/// code asks for exactly what history recorded, then applies the new events and collects what the code
/// asks for next. Pure: no I/O, no clock.
/// </summary>
internal sealed class OrchestrationReplayer
{
    private readonly ReplayOrchestrationContext _context;
    private readonly ITaskOrchestrator _orchestrator;
    private readonly OrchestrationSynchronizationContext _syncContext = new();
    private Task<object?>? _run;

    private OrchestrationReplayer(ReplayOrchestrationContext context, ITaskOrchestrator orchestrator)
    {
        _context = context;
        _orchestrator = orchestrator;
    }

    /// <summary>Replays <paramref name="past"/> and applies <paramref name="newEvents"/>.</summary>
    public static ExecutionResult Run(
        ITaskOrchestrator orchestrator,
        string instanceId,
        string executionId,
        string name,
        string version,
        IReadOnlyList<HistoryEvent> past,
        IReadOnlyList<HistoryEvent> newEvents,
        ILoggerFactory loggerFactory)
    {
        var context = new ReplayOrchestrationContext(instanceId, executionId, name, version, loggerFactory);
        return new OrchestrationReplayer(context, orchestrator).Execute(past, newEvents);
    }

    private ExecutionResult Execute(IReadOnlyList<HistoryEvent> past, IReadOnlyList<HistoryEvent> newEvents)
    {
        var result = new ExecutionResult();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_syncContext);
        try
        {
            _context.Replaying = true;
            foreach (var recorded in past)
            {
                Apply(recorded);
            }

            _context.Replaying = false;
            foreach (var incoming in newEvents)
            {
                Apply(incoming);
            }
        }
        catch (NonDeterministicOrchestrationException nonDeterminism)
        {
            result.Completion = Failed(nonDeterminism);
            return result;
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        result.NewActions.AddRange(_context.UnconfirmedActions);
        result.CancelledTimers.AddRange(_context.CancelledTimers);
        result.OpenTimers = [.. _context.OpenTimers];
        result.CustomStatus = _context.CustomStatus;
        result.CustomStatusChanged = _context.CustomStatusChanged;
        Conclude(result);
        return result;
    }

    private void Apply(HistoryEvent historyEvent)
    {
        switch (historyEvent)
        {
            case OrchestratorStarted started:
                _context.CurrentTime = DateTime.SpecifyKind(started.Timestamp, DateTimeKind.Utc);
                break;
            case ExecutionStarted start:
                Start(start);
                break;
            case TaskScheduled or TimerCreated or SubOrchestrationCreated:
                _context.ConfirmRecordedAction((TaskEvent)historyEvent);
                break;
            case TaskCompleted completed:
                _context.CompleteTask(completed.TaskId, completed.Result);
                break;
            case TaskFailed failed:
                _context.FailTask(failed.TaskId, failed.Failure);
                break;
            case TimerFired fired:
                _context.CompleteTask(fired.TaskId, null);
                break;
            case SubOrchestrationCompleted completed:
                _context.CompleteTask(completed.TaskId, completed.Result);
                break;
            case SubOrchestrationFailed failed:
                _context.FailTask(failed.TaskId, failed.Failure);
                break;
            case EventRaised raised:
                _context.DeliverEvent(raised);
                break;
            default:
                // Lifecycle events (suspend, resume, completion) carry no input for the code.
                break;
        }

        _syncContext.RunPending();
    }

    private void Start(ExecutionStarted start)
    {
        _context.Input = start.Input;
        object? input;
        try
        {
            input = DurableJson.Deserialize(start.Input, _orchestrator.InputType);
        }
        catch (Exception readFailure) when (readFailure is System.Text.Json.JsonException or NotSupportedException)
        {
            _run = Task.FromException<object?>(new ArgumentException(
                $"The input of orchestrator '{start.Name}' is not a valid {_orchestrator.InputType.Name}: {readFailure.Message}", readFailure));
            return;
        }

        try
        {
            _run = _orchestrator.RunAsync(_context, input);
        }
        catch (Exception synchronousFailure)
        {
            _run = Task.FromException<object?>(synchronousFailure);
        }
    }

    private void Conclude(ExecutionResult result)
    {
        if (_run is null || !_run.IsCompleted)
        {
            return;
        }

        if (_run.IsCompletedSuccessfully && _context.ContinueAsNewRequested is { } continueAsNew)
        {
            result.ContinueAsNew = continueAsNew;
            result.Completion = new ExecutionCompleted(OrchestrationRuntimeStatus.Completed, continueAsNew.Input, null, ContinuedAsNew: true)
            {
                Timestamp = _context.CurrentTime,
            };
            return;
        }

        if (_run.IsCompletedSuccessfully)
        {
            result.Completion = new ExecutionCompleted(
                OrchestrationRuntimeStatus.Completed, DurableJson.Serialize(_run.Result, _orchestrator.OutputType), null)
            {
                Timestamp = _context.CurrentTime,
            };
            return;
        }

        var failure = _run.Exception?.InnerException ?? new TaskCanceledException("The orchestrator was cancelled.");
        result.Completion = Failed(failure);
    }

    private ExecutionCompleted Failed(Exception exception)
        => new(OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(exception))
        {
            Timestamp = _context.CurrentTime,
        };
}
