using ReviewFlow.Durable;

namespace ReviewFlow.Bench.Workloads;

/// <summary>Returns its input: the cheapest possible activity, so the figures are the engine's cost.</summary>
internal sealed class Echo : TaskActivity<long, long>
{
    public const string Name = "BenchEcho";

    public override Task<long> RunAsync(TaskActivityContext context, long input) => Task.FromResult(input);
}
