using System.Collections.Concurrent;

using ReviewFlow.Bench.Measurement;
using ReviewFlow.Bench.Workloads;
using ReviewFlow.Durable;

namespace ReviewFlow.Bench.Running;

/// <summary>
/// Reads every measured instance with its output and checks it against the workload's expectation. Runs after
/// the clock has stopped, so its one read per instance costs the figures nothing.
/// </summary>
internal static class Verifier
{
    private const int ReadParallelism = 16;

    public static async Task<InstanceTiming[]> VerifyAsync(
        DurableTaskClient observer, Workload workload, DateTimeOffset[] scheduledAt, CancellationToken cancellationToken)
    {
        ObserverTraffic.MarkCurrentFlow();
        var timings = new InstanceTiming[scheduledAt.Length];
        var problems = new ConcurrentQueue<string>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, scheduledAt.Length), options, async (index, token) =>
        {
            var id = InstanceIds.Measured(index);
            var instance = await observer.GetInstanceAsync(id, getInputsAndOutputs: true, token);
            if (Problem(instance, workload.ExpectedOutputFor(index)) is { } problem)
            {
                problems.Enqueue($"  {id}: {problem}");
                return;
            }

            timings[index] = new InstanceTiming(scheduledAt[index], instance!.CreatedAt, instance.CompletedAt!.Value);
        });

        if (!problems.IsEmpty)
        {
            throw new BenchFailedException(
                $"{problems.Count} instance(s) failed verification, e.g.:{Environment.NewLine}{string.Join(Environment.NewLine, problems.Take(10))}");
        }

        return timings;
    }

    private static string? Problem(OrchestrationMetadata? instance, long expected)
    {
        if (instance is null)
        {
            return "missing";
        }

        if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            return $"{instance.RuntimeStatus} {instance.FailureDetails}";
        }

        if (instance.CompletedAt is null)
        {
            return "Completed without a CompletedAt";
        }

        var output = instance.ReadOutputAs<long>();
        return output == expected ? null : $"output {output}, expected {expected} (raw '{instance.SerializedOutput}')";
    }
}
