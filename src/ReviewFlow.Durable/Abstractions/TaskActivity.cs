namespace ReviewFlow.Durable;

/// <summary>Non-generic view of an activity, used by the engine's activity dispatcher.</summary>
public interface ITaskActivity
{
    /// <summary>The type the serialized input is read as.</summary>
    Type InputType { get; }

    /// <summary>The type of the value the activity returns.</summary>
    Type OutputType { get; }

    /// <summary>Runs the activity.</summary>
    Task<object?> RunAsync(TaskActivityContext context, object? input);
}

/// <summary>
/// Base class of every activity, mirroring <c>Microsoft.DurableTask.TaskActivity</c>. Activities do the
/// I/O; they get services by constructor injection and run at least once, so side effects must be keyed
/// by <see cref="TaskActivityContext.IdempotencyKey"/>.
/// </summary>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    /// <inheritdoc/>
    public Type InputType => typeof(TInput);

    /// <inheritdoc/>
    public Type OutputType => typeof(TOutput);

    /// <summary>The activity logic.</summary>
    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input);

    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input)
        => await RunAsync(context, (TInput)input!);
}

/// <summary>What an activity knows about the call that scheduled it.</summary>
/// <param name="Name">The activity name.</param>
/// <param name="InstanceId">The orchestration instance that scheduled it.</param>
/// <param name="ExecutionId">The execution (changes on ContinueAsNew).</param>
/// <param name="TaskId">The task's sequence number within the execution.</param>
/// <param name="Attempt">1 on first delivery; higher when the work item is redelivered.</param>
/// <param name="CancellationToken">Signalled when the worker shuts down.</param>
public sealed record TaskActivityContext(
    string Name,
    string InstanceId,
    string ExecutionId,
    int TaskId,
    int Attempt,
    CancellationToken CancellationToken)
{
    /// <summary>
    /// Stable across redeliveries of the same scheduled task (and across replays), unique per scheduled
    /// task: use it to make side effects happen exactly once.
    /// </summary>
    public string IdempotencyKey => $"{InstanceId}:{ExecutionId}:{TaskId}";
}
