using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ReviewFlow.Durable.Diagnostics;
using ReviewFlow.Durable.History;

namespace ReviewFlow.Durable.Worker;

/// <summary>
/// Runs one activity and turns what it did into the event the orchestration receives. The activity's own
/// exception becomes a TaskFailed (the orchestrator's retry policy decides); failing to even start it
/// (not registered, constructor threw) is an infrastructure failure that the caller retries.
/// </summary>
internal sealed class ActivityExecutor(DurableTaskRegistry registry, IServiceProvider services, TimeProvider clock, EngineCounters counters)
{
    // Telemetry: optional services, so the engine runs (and its tests build) without any registration.
    private readonly IInstanceTelemetryIdentity _identity = services.GetService<IInstanceTelemetryIdentity>() ?? PassThroughIdentity.Instance;
    private readonly ILogger _logger = (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("ReviewFlow.Durable.Activities");

    public async Task<HistoryEvent> ExecuteAsync(ActivityWorkItem workItem, int attempt, CancellationToken cancellationToken)
    {
        var type = registry.FindActivity(workItem.Name)
            ?? throw new TaskNotRegisteredException($"Activity '{workItem.Name}' is not registered in this worker.");

        await using var scope = services.CreateAsyncScope();
        var activity = (ITaskActivity)ActivatorUtilities.CreateInstance(scope.ServiceProvider, type);
        var context = new TaskActivityContext(workItem.Name, workItem.InstanceId, workItem.ExecutionId, workItem.TaskId, attempt, cancellationToken);
        counters.ActivityRan();
        using var telemetry = ActivityTelemetry.Start(workItem, attempt, _identity, _logger);
        try
        {
            var input = DurableJson.Deserialize(workItem.Input, activity.InputType);
            var output = await activity.RunAsync(context, input);
            telemetry.Completed();
            return new TaskCompleted(workItem.TaskId, DurableJson.Serialize(output, activity.OutputType)) { Timestamp = clock.GetUtcNow().UtcDateTime };
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
        {
            telemetry.Failed(failure);
            return new TaskFailed(workItem.TaskId, TaskFailureDetails.FromException(failure)) { Timestamp = clock.GetUtcNow().UtcDateTime };
        }
    }
}
