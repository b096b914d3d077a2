using Microsoft.Extensions.Logging;

namespace ReviewFlow.Durable;

/// <summary>
/// What orchestrator code may use, mirroring <c>Microsoft.DurableTask.TaskOrchestrationContext</c>.
/// Everything here is replay-safe: it returns the same values when the orchestrator is replayed.
/// </summary>
public abstract class TaskOrchestrationContext
{
    /// <summary>The orchestration instance id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The current execution (a new one starts on each ContinueAsNew).</summary>
    public abstract string ExecutionId { get; }

    /// <summary>The orchestrator name.</summary>
    public abstract string Name { get; }

    /// <summary>The orchestrator version this instance runs.</summary>
    public abstract string Version { get; }

    /// <summary>Deterministic "now": the time the current episode started, from history when replaying.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while old history is being replayed; use it to avoid repeating non-durable side effects.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>A GUID that is the same on every replay.</summary>
    public abstract Guid NewGuid();

    /// <summary>Schedules an activity and returns its result.</summary>
    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    /// <summary>Schedules an activity whose result is not needed.</summary>
    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null)
        => CallActivityAsync<object?>(name, input, options);

    /// <summary>Starts a child orchestration and returns its output.</summary>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(string name, object? input = null, SubOrchestrationOptions? options = null);

    /// <summary>Starts a child orchestration whose output is not needed.</summary>
    public Task CallSubOrchestratorAsync(string name, object? input = null, SubOrchestrationOptions? options = null)
        => CallSubOrchestratorAsync<object?>(name, input, options);

    /// <summary>A durable timer: any length, survives restarts. Cancelling it releases it at once.</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>A durable timer that fires after <paramref name="delay"/> of orchestration time.</summary>
    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken)
        => CreateTimer(CurrentUtcDateTime + delay, cancellationToken);

    /// <summary>
    /// Waits for an event raised by a client. Events raised earlier are buffered and delivered in order.
    /// </summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Waits for an event, throwing <see cref="TimeoutException"/> after <paramref name="timeout"/> of orchestration time.</summary>
    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout)
    {
        using var cancelBoth = new CancellationTokenSource();
        var eventTask = WaitForExternalEvent<T>(eventName, cancelBoth.Token);
        var timerTask = CreateTimer(CurrentUtcDateTime + timeout, cancelBoth.Token);
        var winner = await Task.WhenAny(eventTask, timerTask);
#pragma warning disable CA1849 // CancelAsync runs callbacks on the thread pool, outside the replay; orchestrators must cancel synchronously.
        cancelBoth.Cancel();
#pragma warning restore CA1849
        if (winner == eventTask)
        {
            return await eventTask;
        }

        throw new TimeoutException($"Event '{eventName}' did not arrive within {timeout}.");
    }

    /// <summary>
    /// Ends this execution and starts a fresh one with <paramref name="newInput"/> and an empty history,
    /// carrying unconsumed events over. Long cycles use it so replays stay short.
    /// </summary>
    public abstract void ContinueAsNew(object? newInput, ContinueAsNewOptions? options = null);

    /// <summary>Publishes a small status object readable by clients.</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>Reads this execution's input again.</summary>
    public abstract T GetInput<T>();

    /// <summary>A logger that writes only when the code is not replaying, so each line appears once.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);
}
