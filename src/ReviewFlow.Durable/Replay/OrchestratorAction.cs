using ReviewFlow.Durable.History;

namespace ReviewFlow.Durable.Replay;

/// <summary>Something the orchestrator code asked for, to be checked against history or committed as new.</summary>
internal abstract record OrchestratorAction(int TaskId)
{
    /// <summary>The history event recording this action.</summary>
    public abstract TaskEvent ToHistoryEvent(DateTime timestamp);

    /// <summary>How the action reads in a non-determinism error.</summary>
    public abstract string Describe();
}

internal sealed record ScheduleActivityAction(int TaskId, string Name, string? Input) : OrchestratorAction(TaskId)
{
    public override TaskEvent ToHistoryEvent(DateTime timestamp) => new TaskScheduled(TaskId, Name, Input) { Timestamp = timestamp };

    public override string Describe() => $"CallActivity '{Name}' (#{TaskId})";
}

internal sealed record CreateTimerAction(int TaskId, DateTime FireAt) : OrchestratorAction(TaskId)
{
    public override TaskEvent ToHistoryEvent(DateTime timestamp) => new TimerCreated(TaskId, FireAt) { Timestamp = timestamp };

    public override string Describe() => $"CreateTimer (#{TaskId})";
}

internal sealed record StartSubOrchestrationAction(int TaskId, string Name, string InstanceId, string? Version, string? Input) : OrchestratorAction(TaskId)
{
    public override TaskEvent ToHistoryEvent(DateTime timestamp)
        => new SubOrchestrationCreated(TaskId, Name, InstanceId, Version, Input) { Timestamp = timestamp };

    public override string Describe() => $"CallSubOrchestrator '{Name}' (#{TaskId})";
}

/// <summary>Describes a recorded action the same way <see cref="OrchestratorAction.Describe"/> does.</summary>
internal static class RecordedActionDescription
{
    public static string Describe(TaskEvent recorded) => recorded switch
    {
        TaskScheduled s => $"CallActivity '{s.Name}' (#{s.TaskId})",
        TimerCreated t => $"CreateTimer (#{t.TaskId})",
        SubOrchestrationCreated c => $"CallSubOrchestrator '{c.Name}' (#{c.TaskId})",
        _ => $"{recorded.GetType().Name} (#{recorded.TaskId})",
    };

    public static bool Matches(TaskEvent recorded, OrchestratorAction action) => (recorded, action) switch
    {
        (TaskScheduled s, ScheduleActivityAction a) => s.Name == a.Name,
        (TimerCreated, CreateTimerAction) => true,
        (SubOrchestrationCreated c, StartSubOrchestrationAction a) => c.Name == a.Name,
        _ => false,
    };
}
