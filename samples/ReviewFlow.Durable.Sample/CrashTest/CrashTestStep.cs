namespace ReviewFlow.Durable.Sample.CrashTest;

/// <summary>Input of <see cref="CrashTestStep"/>.</summary>
/// <param name="Step">Which step of the workflow (0-based; the fan-out branches follow the sequence).</param>
/// <param name="Value">The value the step transforms.</param>
public sealed record CrashTestStepInput(int Step, long Value);

/// <summary>
/// One step of the crash-test workflow, written the way a real activity with an external side effect must
/// be: it may run more than once (at-least-once delivery), so its effect is an insert keyed by the
/// idempotency key, and a redelivery that finds the effect already there returns the recorded result.
/// </summary>
public sealed class CrashTestStep(CrashTestLedger ledger) : TaskActivity<CrashTestStepInput, long>
{
    /// <inheritdoc/>
    public override async Task<long> RunAsync(TaskActivityContext context, CrashTestStepInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var cancellationToken = context.CancellationToken;

        // Recorded before the effect, so an execution cut short by a kill still shows up as an attempt.
        var attemptRowKey = await ledger.RecordAttemptAsync(context, input.Step, cancellationToken);

        var (result, alreadyApplied) = await ledger.ApplyOnceAsync(context, input.Step, CrashTestMath.Step(input.Step, input.Value), cancellationToken);
        if (alreadyApplied)
        {
            await ledger.MarkAttemptFoundEffectAsync(context.InstanceId, attemptRowKey, cancellationToken);
        }

        // Work after the effect (a real activity would, say, render a response): it widens the window in
        // which a kill leaves the effect done but its completion unreported, the case exactly-once must survive.
        await Task.Delay(ledger.WorkAfterEffect, cancellationToken);
        return result;
    }
}
