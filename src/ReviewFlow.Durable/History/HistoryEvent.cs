using System.Text.Json.Serialization;

namespace ReviewFlow.Durable.History;

/// <summary>
/// One entry of an orchestration's history, and also the payload of control-queue messages. Payloads
/// (inputs, results) are JSON strings, possibly references to blobs (see <c>PayloadStore</c>).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$t")]
[JsonDerivedType(typeof(ExecutionStarted), "start")]
[JsonDerivedType(typeof(OrchestratorStarted), "episode")]
[JsonDerivedType(typeof(TaskScheduled), "taskScheduled")]
[JsonDerivedType(typeof(TaskCompleted), "taskCompleted")]
[JsonDerivedType(typeof(TaskFailed), "taskFailed")]
[JsonDerivedType(typeof(TimerCreated), "timerCreated")]
[JsonDerivedType(typeof(TimerFired), "timerFired")]
[JsonDerivedType(typeof(SubOrchestrationCreated), "subCreated")]
[JsonDerivedType(typeof(SubOrchestrationCompleted), "subCompleted")]
[JsonDerivedType(typeof(SubOrchestrationFailed), "subFailed")]
[JsonDerivedType(typeof(EventRaised), "event")]
[JsonDerivedType(typeof(ExecutionCompleted), "completed")]
[JsonDerivedType(typeof(ExecutionTerminated), "terminated")]
[JsonDerivedType(typeof(ExecutionSuspended), "suspended")]
[JsonDerivedType(typeof(ExecutionResumed), "resumed")]
[JsonDerivedType(typeof(WorkItemDeadLettered), "deadLettered")]
public abstract record HistoryEvent
{
    /// <summary>When the event was recorded (engine clock).</summary>
    public DateTime Timestamp { get; init; }
}

/// <summary>Starts an execution. Also the message that starts a new instance.</summary>
public sealed record ExecutionStarted(
    string Name,
    string Version,
    string? Input,
    string ExecutionId,
    ParentInstance? Parent = null,
    DateTime? ScheduledStartAt = null) : HistoryEvent;

/// <summary>Identifies the parent of a sub-orchestration, to report back to.</summary>
public sealed record ParentInstance(string InstanceId, string ExecutionId, int TaskId, string Name);

/// <summary>Marks the start of an episode (one run of the orchestrator over new events); its timestamp is CurrentUtcDateTime.</summary>
public sealed record OrchestratorStarted : HistoryEvent;

/// <summary>Base of events that refer to a scheduled task by its sequence number.</summary>
public abstract record TaskEvent(int TaskId) : HistoryEvent;

/// <summary>An activity was scheduled.</summary>
public sealed record TaskScheduled(int TaskId, string Name, string? Input) : TaskEvent(TaskId);

/// <summary>An activity returned.</summary>
public sealed record TaskCompleted(int TaskId, string? Result) : TaskEvent(TaskId);

/// <summary>An activity threw.</summary>
public sealed record TaskFailed(int TaskId, TaskFailureDetails Failure) : TaskEvent(TaskId);

/// <summary>A durable timer was created.</summary>
public sealed record TimerCreated(int TaskId, DateTime FireAt) : TaskEvent(TaskId);

/// <summary>A durable timer fired.</summary>
public sealed record TimerFired(int TaskId, DateTime FireAt) : TaskEvent(TaskId);

/// <summary>A child orchestration was started.</summary>
public sealed record SubOrchestrationCreated(int TaskId, string Name, string InstanceId, string? Version, string? Input) : TaskEvent(TaskId);

/// <summary>A child orchestration completed.</summary>
public sealed record SubOrchestrationCompleted(int TaskId, string? Result) : TaskEvent(TaskId);

/// <summary>A child orchestration failed.</summary>
public sealed record SubOrchestrationFailed(int TaskId, TaskFailureDetails Failure) : TaskEvent(TaskId);

/// <summary>A client raised an event. <paramref name="EventId"/> makes redelivered copies detectable.</summary>
public sealed record EventRaised(string Name, string? Input, string EventId) : HistoryEvent;

/// <summary>The execution ended (completed, failed, or continued as new).</summary>
public sealed record ExecutionCompleted(
    OrchestrationRuntimeStatus Status,
    string? Result,
    TaskFailureDetails? Failure,
    bool ContinuedAsNew = false) : HistoryEvent;

/// <summary>A client terminated the instance.</summary>
public sealed record ExecutionTerminated(string? Reason) : HistoryEvent;

/// <summary>A client suspended the instance.</summary>
public sealed record ExecutionSuspended(string? Reason) : HistoryEvent;

/// <summary>A client resumed the instance.</summary>
public sealed record ExecutionResumed(string? Reason) : HistoryEvent;

/// <summary>A work item of this instance failed too often and was moved to the poison queue.</summary>
public sealed record WorkItemDeadLettered(string Description, int Attempts, string LastError) : HistoryEvent;
