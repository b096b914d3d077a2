namespace ReviewFlow.Durable.Sample.Demo;

/// <summary>Plays a seller who agrees after a while: a durable timer, then an activity that raises the event.</summary>
public sealed class SimulatedSellerOrchestrator : TaskOrchestrator<SimulatedAgreement, bool>
{
    public override async Task<bool> RunAsync(TaskOrchestrationContext context, SimulatedAgreement input)
    {
        await context.CreateTimer(TimeSpan.FromHours(input.AfterHours), CancellationToken.None);
        await context.CallActivityAsync(nameof(RaiseAgreement), input.CycleInstanceId);
        return true;
    }
}

/// <summary>Input of <see cref="SimulatedSellerOrchestrator"/>.</summary>
public sealed record SimulatedAgreement(string CycleInstanceId, int AfterHours);

/// <summary>Raises TargetsAgreed on a seller's cycle (I/O, so it is an activity).</summary>
public sealed class RaiseAgreement(DurableTaskClient client) : TaskActivity<string, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, string input)
    {
        await client.RaiseEventAsync(input, QuarterRhythmOrchestrator.TargetsAgreed, true, context.CancellationToken);
        return true;
    }
}
