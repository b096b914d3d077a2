using ReviewFlow.Durable;

namespace ReviewFlow.Bench.Workloads;

/// <summary>Three activities awaited one after another: four episodes per instance (start + one per result).</summary>
internal sealed class SequenceOrchestrator : TaskOrchestrator<long, long>
{
    public const string Name = "BenchSequence";
    public const int Steps = 3;

    public override async Task<long> RunAsync(TaskOrchestrationContext context, long input)
    {
        var value = input;
        for (var digit = 1; digit <= Steps; digit++)
        {
            value = await context.CallActivityAsync<long>(AppendDigit.Name, new AppendDigitInput(value, digit));
        }

        return value;
    }
}
