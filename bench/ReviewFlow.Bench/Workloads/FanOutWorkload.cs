using ReviewFlow.Durable;

namespace ReviewFlow.Bench.Workloads;

/// <summary>Each instance fans out <c>width</c> <see cref="Echo"/> calls and sums what comes back.</summary>
internal sealed class FanOutWorkload(int width) : Workload
{
    public override string Description => $"fan-out of {width} activities";

    public override string OrchestratorName => FanOutOrchestrator.Name;

    public override int ActivitiesPerOrchestration => width;

    // Seeds far apart so two instances never share a sum.
    public override object InputFor(int index) => new FanOutInput(index * 1_000_000L, width);

    // Sum of seed+k for k in [0, width).
    public override long ExpectedOutputFor(int index) => (width * index * 1_000_000L) + ((long)width * (width - 1) / 2);

    public override void Register(DurableTaskRegistry registry)
        => registry
            .AddOrchestrator<FanOutOrchestrator>(FanOutOrchestrator.Name)
            .AddActivity<Echo>(Echo.Name);
}
