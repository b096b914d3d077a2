using System.Text.Json.Serialization;
using ReviewFlow.Durable.History;

namespace ReviewFlow.Durable.Storage;

/// <summary>
/// A side effect of an episode, committed atomically with its history and carried out after the commit.
/// If the worker dies in between, the next worker to load the instance carries it out again; every item
/// is safe to repeat (duplicates are detected on arrival).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$t")]
[JsonDerivedType(typeof(SendActivity), "activity")]
[JsonDerivedType(typeof(SendControl), "control")]
[JsonDerivedType(typeof(ScheduleTimer), "timer")]
[JsonDerivedType(typeof(DeleteTimer), "deleteTimer")]
[JsonDerivedType(typeof(UpdateInstanceRow), "instanceRow")]
internal abstract record OutboxItem;

/// <summary>Put an activity on the work-item queue.</summary>
internal sealed record SendActivity(ActivityWorkItem WorkItem) : OutboxItem;

/// <summary>Send an event to an instance's control queue (a child start, a parent notification, a wake-up).</summary>
internal sealed record SendControl(ControlMessage Message) : OutboxItem;

/// <summary>Write a durable timer row that delivers <paramref name="Message"/> at <paramref name="FireAt"/>.</summary>
internal sealed record ScheduleTimer(DateTime FireAt, string TimerKey, ControlMessage Message) : OutboxItem
{
    /// <summary>A timer an orchestration created: its key, and the <see cref="TimerFired"/> it delivers to the execution.</summary>
    public static ScheduleTimer ForOrchestration(string instanceId, string executionId, int taskId, DateTime fireAt) => new(
        fireAt,
        TimerStore.OrchestrationTimerKey(instanceId, executionId, taskId),
        new ControlMessage(instanceId, executionId, new TimerFired(taskId, fireAt) { Timestamp = fireAt }));
}

/// <summary>Remove a timer row that is no longer needed (cancelled, or its instance ended).</summary>
internal sealed record DeleteTimer(DateTime FireAt, string TimerKey) : OutboxItem;

/// <summary>Bring the queryable Instances row up to date.</summary>
internal sealed record UpdateInstanceRow(InstanceRow Row) : OutboxItem;

/// <summary>The queryable summary of an instance, as stored in the Instances table.</summary>
internal sealed record InstanceRow(
    string InstanceId,
    string Name,
    string Version,
    string ExecutionId,
    OrchestrationRuntimeStatus Status,
    DateTime CreatedAt,
    DateTime LastUpdatedAt,
    DateTime? CompletedAt,
    string? Input,
    string? Output,
    string? CustomStatus,
    TaskFailureDetails? Failure,
    DateTime? ScheduledStartAt = null,
    long Revision = 0);
