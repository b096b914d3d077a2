using ReviewFlow.Bench.Workloads;
using ReviewFlow.Durable;

namespace ReviewFlow.Bench.Running;

/// <summary>Schedules every measured instance as fast as the bound on calls in flight allows.</summary>
internal static class Scheduler
{
    /// <summary>Returns, per instance, when its schedule call was made (to check the engine's CreatedAt against).</summary>
    public static async Task<DateTimeOffset[]> ScheduleAllAsync(
        DurableTaskClient client, Workload workload, int count, int parallelism, RunProgress progress, TimeProvider clock, CancellationToken cancellationToken)
    {
        var scheduledAt = new DateTimeOffset[count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, count), options, async (index, token) =>
        {
            scheduledAt[index] = clock.GetUtcNow();
            await client.ScheduleNewOrchestrationInstanceAsync(
                workload.OrchestratorName,
                workload.InputFor(index),
                new StartOrchestrationOptions(InstanceId: InstanceIds.Measured(index)),
                token);
            progress.OneScheduled();
        });
        return scheduledAt;
    }
}
