using ReviewFlow.Durable;

namespace ReviewFlow.Bench.Workloads;

/// <summary>
/// One benchmark shape: which orchestrator to start, with what input, and what it must return. Every instance
/// gets a different input and a checkable output, so a lost, duplicated or misordered activity result fails
/// the run instead of passing silently.
/// </summary>
internal abstract class Workload
{
    public abstract string Description { get; }

    public abstract string OrchestratorName { get; }

    public abstract int ActivitiesPerOrchestration { get; }

    public abstract object InputFor(int index);

    public abstract long ExpectedOutputFor(int index);

    public abstract void Register(DurableTaskRegistry registry);

    public static Workload For(BenchSettings settings) => settings.Mode switch
    {
        BenchMode.Sequence => new SequenceWorkload(),
        BenchMode.FanOut => new FanOutWorkload(settings.FanOut),
        _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Mode, "Unknown mode."),
    };
}
