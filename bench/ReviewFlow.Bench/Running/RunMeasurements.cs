using ReviewFlow.Bench.Measurement;

namespace ReviewFlow.Bench.Running;

/// <summary>Raw observations of the measured window, before any arithmetic.</summary>
internal sealed record RunMeasurements(
    DateTimeOffset FirstScheduleAt,
    TimeSpan Scheduling,
    TimeSpan Detected,
    InstanceTiming[] Timings,
    long EngineOperations,
    long ObserverOperations,
    IReadOnlyList<RequestKindTotals> Traffic,
    CpuTimes Cpu,
    long Conflicts,
    int Warnings);
