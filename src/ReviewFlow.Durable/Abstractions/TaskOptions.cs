namespace ReviewFlow.Durable;

/// <summary>
/// Retry with exponential backoff for activities and sub-orchestrations. Retries are scheduled as durable
/// timers by the orchestrator, so a backoff of hours survives restarts.
/// </summary>
/// <param name="MaxNumberOfAttempts">Total attempts including the first (at least 1).</param>
/// <param name="FirstRetryInterval">Delay before the second attempt.</param>
/// <param name="BackoffCoefficient">Each further delay is the previous one times this (at least 1).</param>
/// <param name="MaxRetryInterval">Upper bound of a single delay; null for none.</param>
public sealed record RetryPolicy(
    int MaxNumberOfAttempts,
    TimeSpan FirstRetryInterval,
    double BackoffCoefficient = 2.0,
    TimeSpan? MaxRetryInterval = null)
{
    /// <summary>Optional filter: retry only failures it accepts (default: all).</summary>
    public Func<TaskFailureDetails, bool>? Handle { get; init; }

    /// <summary>Delay before attempt <paramref name="nextAttempt"/> (2 for the first retry).</summary>
    public TimeSpan DelayBefore(int nextAttempt)
    {
        var delay = FirstRetryInterval.TotalMilliseconds * Math.Pow(BackoffCoefficient, nextAttempt - 2);
        if (MaxRetryInterval is { } max)
        {
            delay = Math.Min(delay, max.TotalMilliseconds);
        }

        return TimeSpan.FromMilliseconds(delay);
    }

    internal void Validate()
    {
        if (MaxNumberOfAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxNumberOfAttempts), "A retry policy needs at least one attempt.");
        }

        if (FirstRetryInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(FirstRetryInterval), "The first retry interval must be positive.");
        }

        if (BackoffCoefficient < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BackoffCoefficient), "The backoff coefficient must be at least 1.");
        }
    }
}

/// <summary>Options for scheduling a task from an orchestrator.</summary>
/// <param name="Retry">Retry policy; null for a single attempt.</param>
public record TaskOptions(RetryPolicy? Retry = null);

/// <summary>Options for a sub-orchestration.</summary>
/// <param name="InstanceId">Instance id of the child; defaults to a deterministic id derived from the parent.</param>
/// <param name="Version">Orchestrator version; defaults to the newest registered.</param>
/// <param name="Retry">Retry policy; null for a single attempt.</param>
public sealed record SubOrchestrationOptions(string? InstanceId = null, string? Version = null, RetryPolicy? Retry = null)
    : TaskOptions(Retry);

/// <summary>Options for <see cref="TaskOrchestrationContext.ContinueAsNew(object?, ContinueAsNewOptions?)"/>.</summary>
/// <param name="PreserveUnprocessedEvents">Carry events not yet consumed into the new execution (default true: nothing is lost).</param>
/// <param name="NewVersion">Start the new execution on this orchestrator version (for upgrading long cycles); null keeps the current version.</param>
public sealed record ContinueAsNewOptions(bool PreserveUnprocessedEvents = true, string? NewVersion = null);
