namespace ReviewFlow.Durable;

/// <summary>Lifecycle status of an orchestration instance (same names as Durable Functions).</summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>Scheduled, not started yet (or waiting for its start time).</summary>
    Pending,

    /// <summary>Started and not finished.</summary>
    Running,

    /// <summary>Returned a value.</summary>
    Completed,

    /// <summary>Threw, was dead-lettered, or failed a determinism check.</summary>
    Failed,

    /// <summary>Stopped by a client.</summary>
    Terminated,

    /// <summary>Paused by a client; events are buffered until it is resumed.</summary>
    Suspended,
}

/// <summary>Helpers on <see cref="OrchestrationRuntimeStatus"/>.</summary>
public static class OrchestrationRuntimeStatusExtensions
{
    /// <summary>True once the instance will not change again (barring a purge).</summary>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status)
        => status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
