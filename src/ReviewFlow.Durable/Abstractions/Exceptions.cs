namespace ReviewFlow.Durable;

/// <summary>Thrown into orchestrator code when an activity or sub-orchestration it awaited failed.</summary>
public sealed class TaskFailedException : Exception
{
    /// <summary>Creates the exception for a failed task.</summary>
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed: {failureDetails.ErrorType}: {failureDetails.ErrorMessage}")
    {
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>The activity or sub-orchestration name.</summary>
    public string TaskName { get; }

    /// <summary>The task's sequence number in the execution.</summary>
    public int TaskId { get; }

    /// <summary>The failure as reported by the task.</summary>
    public TaskFailureDetails FailureDetails { get; }
}

/// <summary>
/// The orchestrator, replayed from history, asked for something other than what history recorded:
/// the code changed in a way that breaks running instances, or it is not deterministic.
/// </summary>
public sealed class NonDeterministicOrchestrationException(string message) : Exception(message);

/// <summary>No orchestrator or activity is registered under a name (and version).</summary>
public sealed class TaskNotRegisteredException(string message) : Exception(message);
