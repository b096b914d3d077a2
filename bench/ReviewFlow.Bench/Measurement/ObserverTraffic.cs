namespace ReviewFlow.Bench.Measurement;

/// <summary>
/// Marks the benchmark's own storage requests (polling, verification). An async-local flag flows into the
/// HTTP call, so <see cref="StorageTrafficRecorder"/> can tell them from the engine's without touching the engine.
/// </summary>
internal static class ObserverTraffic
{
    private static readonly AsyncLocal<bool> Flag = new();

    public static bool IsCurrent => Flag.Value;

    /// <summary>
    /// Marks the rest of the calling async method (and everything it awaits) as observer traffic. Setting an
    /// async-local inside an async method does not leak back to its caller, so no undo is needed.
    /// </summary>
    public static void MarkCurrentFlow() => Flag.Value = true;
}
