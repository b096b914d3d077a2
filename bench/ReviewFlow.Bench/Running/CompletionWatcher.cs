using System.Diagnostics;

using ReviewFlow.Bench.Measurement;
using ReviewFlow.Durable;

namespace ReviewFlow.Bench.Running;

/// <summary>
/// Waits until every measured instance has finished, by a status query every poll interval: one or two
/// requests per poll however many instances there are, instead of one per instance. It fails the run at
/// once when an instance fails or is terminated, and when the timeout passes.
/// </summary>
internal sealed class CompletionWatcher(DurableTaskClient observer, RunProgress progress, TimeSpan interval)
{
    private const int PageSize = 1000;

    public async Task WaitAllAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        ObserverTraffic.MarkCurrentFlow();
        var waited = Stopwatch.StartNew();
        using var ticks = new PeriodicTimer(interval);
        while (true)
        {
            var census = await TakeCensusAsync(cancellationToken);
            progress.Observed(census.Pending, census.Running, census.Finished);
            if (census.Broken.Count > 0)
            {
                var examples = string.Join(Environment.NewLine, census.Broken.Take(5).Select(m => $"  {m.InstanceId}: {m.RuntimeStatus} {m.FailureDetails}"));
                throw new BenchFailedException($"{census.Broken.Count} instance(s) did not complete successfully, e.g.:{Environment.NewLine}{examples}");
            }

            if (census.Finished >= progress.Total)
            {
                return;
            }

            if (waited.Elapsed > timeout)
            {
                throw new BenchFailedException(
                    $"Only {census.Finished}/{progress.Total} instances finished within {timeout.TotalSeconds:0} s "
                    + $"({census.Pending} pending, {census.Running} running, {progress.Total - census.Seen} not visible).");
            }

            await ticks.WaitForNextTickAsync(cancellationToken);
        }
    }

    private async Task<Census> TakeCensusAsync(CancellationToken cancellationToken)
    {
        var census = new Census();
        string? continuation = null;
        do
        {
            var page = await observer.QueryInstancesAsync(
                new OrchestrationQuery { InstanceIdPrefix = InstanceIds.MeasuredPrefix, PageSize = PageSize, ContinuationToken = continuation },
                cancellationToken);
            foreach (var instance in page.Instances)
            {
                census.Add(instance);
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        return census;
    }

    private sealed class Census
    {
        public int Seen { get; private set; }

        public int Pending { get; private set; }

        public int Running { get; private set; }

        public int Finished { get; private set; }

        public List<OrchestrationMetadata> Broken { get; } = [];

        public void Add(OrchestrationMetadata instance)
        {
            Seen++;
            switch (instance.RuntimeStatus)
            {
                case OrchestrationRuntimeStatus.Completed:
                    Finished++;
                    break;
                case OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated:
                    Finished++;
                    Broken.Add(instance);
                    break;
                case OrchestrationRuntimeStatus.Pending:
                    Pending++;
                    break;
                default:
                    Running++;
                    break;
            }
        }
    }
}
