namespace ReviewFlow.Durable;

/// <summary>
/// Non-generic view of an orchestrator, used by the engine to run any registered orchestrator.
/// Application code derives from <see cref="TaskOrchestrator{TInput,TOutput}"/> instead.
/// </summary>
public interface ITaskOrchestrator
{
    /// <summary>The type the serialized input is read as.</summary>
    Type InputType { get; }

    /// <summary>The type of the value the orchestrator returns.</summary>
    Type OutputType { get; }

    /// <summary>Runs (or replays) the orchestrator.</summary>
    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}

/// <summary>
/// Base class of every orchestrator, mirroring <c>Microsoft.DurableTask.TaskOrchestrator</c>.
/// Orchestrator code is replayed from history, so it must be deterministic: time, GUIDs and logging
/// come from the context, and all I/O happens in activities.
/// </summary>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    /// <inheritdoc/>
    public Type InputType => typeof(TInput);

    /// <inheritdoc/>
    public Type OutputType => typeof(TOutput);

    /// <summary>The orchestration logic.</summary>
    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input)
        => await RunAsync(context, (TInput)input!);
}
