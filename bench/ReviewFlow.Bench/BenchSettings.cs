namespace ReviewFlow.Bench;

/// <summary>Everything one run needs, already validated and with mode-dependent defaults resolved.</summary>
/// <param name="Mode">Sequence or fan-out.</param>
/// <param name="Orchestrations">Measured instances (N).</param>
/// <param name="FanOut">Activities per fan-out instance (ignored for sequence).</param>
/// <param name="Warmup">Instances run and awaited before measuring, so JIT and Azurite start-up costs stay out of the figures.</param>
/// <param name="ScheduleParallelism">Schedule calls in flight at once.</param>
/// <param name="Concurrency">Worker MaxConcurrentOrchestrations and MaxConcurrentActivities; null keeps the engine defaults.</param>
/// <param name="ControlQueues">Control queue count; null keeps the engine default.</param>
/// <param name="MaxPollingInterval">Worker back-off cap for empty queues; null keeps the engine default.</param>
/// <param name="CompletionPollInterval">How often the benchmark asks which instances have finished.</param>
/// <param name="Timeout">Longest the measured part may take before the run is declared hung.</param>
/// <param name="Breakdown">Record every storage request by kind; off measures the listener's own overhead.</param>
internal sealed record BenchSettings(
    BenchMode Mode,
    int Orchestrations,
    int FanOut,
    int Warmup,
    int ScheduleParallelism,
    int? Concurrency,
    int? ControlQueues,
    TimeSpan? MaxPollingInterval,
    TimeSpan CompletionPollInterval,
    TimeSpan Timeout,
    bool Breakdown);
