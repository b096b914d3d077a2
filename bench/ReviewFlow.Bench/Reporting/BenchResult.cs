namespace ReviewFlow.Bench.Reporting;

/// <summary>The figures of one run; serialized as the JSON result line.</summary>
internal sealed record BenchResult(
    DateTimeOffset StartedAtUtc,
    string Mode,
    string Workload,
    int Orchestrations,
    int ActivitiesPerOrchestration,
    int Warmup,
    RunConfiguration Configuration,
    double WallSeconds,
    double ScheduleSeconds,
    double DetectedSeconds,
    double OrchestrationsPerSecond,
    double ActivitiesPerSecond,
    LatencySummary LatencyMs,
    LatencySummary ScheduleToCompleteMs,
    long EngineStorageOperations,
    double StorageOperationsPerOrchestration,
    long ObserverStorageOperations,
    IReadOnlyList<OperationLine> EngineOperationsByKind,
    CpuSummary Cpu,
    long Conflicts,
    int EngineWarnings,
    string EngineBuild,
    MachineInfo Machine);

/// <summary>Worker tuning in effect (null: engine default).</summary>
internal sealed record RunConfiguration(int? Concurrency, int? ControlQueues, double? MaxPollingIntervalMs, int ScheduleParallelism, double CompletionPollMs);

/// <summary>Per-instance latency distribution in milliseconds.</summary>
internal sealed record LatencySummary(double Min, double Median, double P95, double Max);

/// <summary>One kind of engine storage request: how many, per orchestration, and how long each took as seen by the client.</summary>
internal sealed record OperationLine(string Kind, int Count, double PerOrchestration, double MeanMs, double P95Ms, int NotSuccess);

/// <summary>
/// CPU used over the measured window, in seconds and in cores (seconds / window seconds). Others is every other
/// process on the machine: well above zero means a neighbour competed with the run.
/// </summary>
internal sealed record CpuSummary(double BenchSeconds, double AzuriteSeconds, double OthersSeconds, double BenchCores, double AzuriteCores, double OthersCores);
