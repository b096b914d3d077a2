using Microsoft.Extensions.DependencyInjection;
using ReviewFlow.Durable.History;

namespace ReviewFlow.Durable.Worker;

/// <summary>
/// Runs one activity and turns what it did into the event the orchestration receives. The activity's own
/// exception becomes a TaskFailed (the orchestrator's retry policy decides); failing to even start it
/// (not registered, constructor threw) is an infrastructure failure that the caller retries.
/// </summary>
internal sealed class ActivityExecutor(DurableTaskRegistry registry, IServiceProvider services, TimeProvider clock, EngineCounters counters)
{
    public async Task<HistoryEvent> ExecuteAsync(ActivityWorkItem workItem, int attempt, CancellationToken cancellationToken)
    {
        var type = registry.FindActivity(workItem.Name)
            ?? throw new TaskNotRegisteredException($"Activity '{workItem.Name}' is not registered in this worker.");

        await using var scope = services.CreateAsyncScope();
        var activity = (ITaskActivity)ActivatorUtilities.CreateInstance(scope.ServiceProvider, type);
        var context = new TaskActivityContext(workItem.Name, workItem.InstanceId, workItem.ExecutionId, workItem.TaskId, attempt, cancellationToken);
        counters.ActivityRan();
        try
        {
            var input = DurableJson.Deserialize(workItem.Input, activity.InputType);
            var output = await activity.RunAsync(context, input);
            return new TaskCompleted(workItem.TaskId, DurableJson.Serialize(output, activity.OutputType)) { Timestamp = clock.GetUtcNow().UtcDateTime };
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
        {
            return new TaskFailed(workItem.TaskId, TaskFailureDetails.FromException(failure)) { Timestamp = clock.GetUtcNow().UtcDateTime };
        }
    }
}
