using ReviewFlow.Durable;

namespace ReviewFlow.Bench.Workloads;

/// <summary>The fan-out instance's input.</summary>
internal sealed record FanOutInput(long Seed, int Width);

/// <summary>Starts every activity before awaiting any, then sums the results (fan-out / fan-in).</summary>
internal sealed class FanOutOrchestrator : TaskOrchestrator<FanOutInput, long>
{
    public const string Name = "BenchFanOut";

    public override async Task<long> RunAsync(TaskOrchestrationContext context, FanOutInput input)
    {
        var calls = new Task<long>[input.Width];
        for (var k = 0; k < input.Width; k++)
        {
            calls[k] = context.CallActivityAsync<long>(Echo.Name, input.Seed + k);
        }

        var results = await Task.WhenAll(calls);
        return results.Sum();
    }
}
