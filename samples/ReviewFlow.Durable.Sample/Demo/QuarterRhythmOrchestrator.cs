namespace ReviewFlow.Durable.Sample.Demo;

/// <summary>
/// A quarter-shaped workflow that exercises the engine the way the review cycle will: ask for agreement,
/// remind and escalate on silence, then hold reviews at a cadence set by tenure, one period per execution.
/// </summary>
public sealed class QuarterRhythmOrchestrator : TaskOrchestrator<QuarterRhythm, QuarterSummary>
{
    /// <summary>The event a seller's agreement raises.</summary>
    public const string TargetsAgreed = nameof(TargetsAgreed);

    public override async Task<QuarterSummary> RunAsync(TaskOrchestrationContext context, QuarterRhythm rhythm)
    {
        var seller = rhythm.Seller;
        var weekly = seller.TenureMonths < 6;
        var period = TimeSpan.FromDays(weekly ? 7 : 14);
        var quarterEnd = rhythm.QuarterStart.AddDays(7 * rhythm.Weeks);

        if (rhythm.AgreedAt is null && !rhythm.Escalated)
        {
            rhythm = await AgreeAsync(context, rhythm);
        }

        var nextReview = rhythm.QuarterStart.AddDays(period.TotalDays * (rhythm.ReviewsHeld + 1));
        if (nextReview > quarterEnd)
        {
            return new QuarterSummary(seller.Name, weekly ? "weekly" : "fortnightly", rhythm.AgreedAt, rhythm.Reminders, rhythm.Escalated, rhythm.ReviewsHeld, context.CurrentUtcDateTime);
        }

        await context.CreateTimer(nextReview, CancellationToken.None);
        await context.CallActivityAsync(nameof(SendDemoMessage), new DemoMessage(seller.Id, $"Review {rhythm.ReviewsHeld + 1}: how is the quarter going?"));

        // One review period per execution: a deployment never replays more than a fortnight of history.
        context.ContinueAsNew(rhythm with { ReviewsHeld = rhythm.ReviewsHeld + 1 });
        return null!;
    }

    private static async Task<QuarterRhythm> AgreeAsync(TaskOrchestrationContext context, QuarterRhythm rhythm)
    {
        var seller = rhythm.Seller;
        await context.CallActivityAsync(nameof(SendDemoMessage), new DemoMessage(seller.Id, "Your proposed targets for the quarter"));
        for (var reminder = 0; reminder <= 1; reminder++)
        {
            try
            {
                await context.WaitForExternalEvent<bool>(TargetsAgreed, TimeSpan.FromDays(3));
                return rhythm with { AgreedAt = context.CurrentUtcDateTime };
            }
            catch (TimeoutException) when (reminder == 0)
            {
                rhythm = rhythm with { Reminders = rhythm.Reminders + 1 };
                await context.CallActivityAsync(nameof(SendDemoMessage), new DemoMessage(seller.Id, "A reminder: your targets are waiting for you"));
            }
            catch (TimeoutException)
            {
                await context.CallActivityAsync(nameof(SendDemoMessage), new DemoMessage("manager", $"{seller.Name} has not agreed targets yet"));
            }
        }

        return rhythm with { Escalated = true };
    }
}
