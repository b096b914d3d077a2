using ReviewFlow.Durable;

namespace ReviewFlow.Bench.Workloads;

/// <summary>The sequence step's input.</summary>
internal sealed record AppendDigitInput(long Value, int Digit);

/// <summary>Returns Value*10+Digit: trivial, but the order of the steps shows in the result.</summary>
internal sealed class AppendDigit : TaskActivity<AppendDigitInput, long>
{
    public const string Name = "BenchAppendDigit";

    public override Task<long> RunAsync(TaskActivityContext context, AppendDigitInput input)
        => Task.FromResult((input.Value * 10) + input.Digit);
}
