namespace ReviewFlow.Durable.Sample.CrashTest;

/// <summary>
/// The crash-test workflow: five activities in sequence, a short durable timer, then a fan-out of three.
/// Each shape is a different place for a kill to land (between episodes, with a timer row pending, with
/// several work items in flight at once). Returns a checksum of every result (<see cref="CrashTestMath"/>).
/// </summary>
public sealed class CrashTestOrchestrator : TaskOrchestrator<long, long>
{
    /// <summary>Length of the durable timer between the sequence and the fan-out.</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(300);

    /// <inheritdoc/>
    public override async Task<long> RunAsync(TaskOrchestrationContext context, long input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var value = input;
        for (var step = 0; step < CrashTestMath.SequentialSteps; step++)
        {
            value = await context.CallActivityAsync<long>(nameof(CrashTestStep), new CrashTestStepInput(step, value));
        }

        await context.CreateTimer(Pause, CancellationToken.None);

        var fanOut = new List<Task<long>>(CrashTestMath.FanOutSteps);
        for (var branch = 0; branch < CrashTestMath.FanOutSteps; branch++)
        {
            fanOut.Add(context.CallActivityAsync<long>(nameof(CrashTestStep), new CrashTestStepInput(CrashTestMath.SequentialSteps + branch, value)));
        }

        var results = await Task.WhenAll(fanOut);
        return CrashTestMath.Combine(value, results);
    }
}
