namespace ReviewFlow.Bench;

/// <summary>The shape of orchestration the benchmark drives.</summary>
internal enum BenchMode
{
    /// <summary>Three trivial activities awaited one after another: measures episode turnaround.</summary>
    Sequence,

    /// <summary>Many trivial activities started at once and summed: measures fan-out and fan-in batching.</summary>
    FanOut,
}
