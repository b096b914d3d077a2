using ReviewFlow.Durable;

namespace ReviewFlow.Bench.Workloads;

/// <summary>Each instance calls <see cref="AppendDigit"/> three times in a row.</summary>
internal sealed class SequenceWorkload : Workload
{
    public override string Description => "sequence of 3 activities";

    public override string OrchestratorName => SequenceOrchestrator.Name;

    public override int ActivitiesPerOrchestration => SequenceOrchestrator.Steps;

    public override object InputFor(int index) => (long)index;

    // Digits 1, 2, 3 appended in order: ((i*10+1)*10+2)*10+3.
    public override long ExpectedOutputFor(int index) => (index * 1000L) + 123;

    public override void Register(DurableTaskRegistry registry)
        => registry
            .AddOrchestrator<SequenceOrchestrator>(SequenceOrchestrator.Name)
            .AddActivity<AppendDigit>(AppendDigit.Name);
}
