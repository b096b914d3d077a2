using System.Text.Json.Nodes;
using ReviewFlow.Durable;
using ReviewFlow.Workflows.Agree;
using ReviewFlow.Workflows.Close;
using ReviewFlow.Workflows.Define;
using ReviewFlow.Workflows.Review;
using ReviewFlow.Workflows.Shared;

namespace ReviewFlow.Workflows.Cycle;

/// <summary>
/// One seller's quarter: Define and Agree in the first execution, then one review period per execution
/// (ContinueAsNew), so a deployment never replays more than a period of history; Develop runs inside the
/// period that opened it; the last execution closes the quarter.
/// </summary>
public sealed class SellerCycleOrchestrator : TaskOrchestrator<CycleInput, CycleOutcome?>
{
    /// <inheritdoc/>
    public override async Task<CycleOutcome?> RunAsync(TaskOrchestrationContext context, CycleInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var periods = input.Profile.Quarter.Periods(input.Profile.Cadence.IntervalDays);

        // Extra check-ins belong to the review periods: not before targets are agreed, not after the last review.
        using var run = new CycleRun(context, input.Profile, input.Progress)
        {
            AnswersExtraCheckIns = input.Progress.Phase == CyclePhase.Review && input.Progress.NextPeriod < periods.Count,
        };

        try
        {
            return await RunStepAsync(context, input, run, periods);
        }
        catch (CycleClosing closing)
        {
            return await CloseStep.CloseEarlyAsync(run, closing.Request);
        }
    }

    private static async Task<CycleOutcome?> RunStepAsync(TaskOrchestrationContext context, CycleInput input, CycleRun run, IReadOnlyList<Domain.Quarters.ReviewPeriod> periods)
    {
        if (input.Progress.Phase == CyclePhase.Define)
        {
            run.Record(new PendingEntry("CycleStarted", new JsonObject
            {
                ["quarter"] = input.Profile.Quarter.Label,
                ["cadence"] = input.Profile.Cadence.Name,
                ["reviewMinutes"] = input.Profile.Cadence.Length.TotalMinutes,
                ["sellerName"] = run.Seller.Name,
                ["managerName"] = run.Manager.Name,
            }));
            var proposed = await DefineStep.RunAsync(run);
            if (proposed is null)
            {
                run.Record(new PendingEntry("CycleAbandoned", new JsonObject { ["reason"] = "no expectation set was defined this quarter" }));
                await run.FlushAsync();
                return null;
            }

            var agreed = await AgreeStep.RunAsync(run, proposed);
            run.Progress = run.Progress with { Agreed = agreed };
            await run.StopListeningForCloseAsync();
            context.ContinueAsNew(new CycleInput(input.Profile, run.Progress with { Phase = CyclePhase.Review, Agreed = agreed, NextPeriod = 0, Noted = run.TakeNoted() }));
            return null;
        }

        if (input.Progress.NextPeriod < periods.Count)
        {
            await ReviewPeriodStep.RunAsync(run, periods[input.Progress.NextPeriod]);
            await run.FinishExtraCheckInsAsync();
            if (input.Progress.NextPeriod == periods.Count - 1)
            {
                await run.FlushAsync(); // the close is days away: the last review should not wait for it to be on record
            }

            // Entries noted at the end of the period (the review, a coaching plan) ride along with the next
            // execution's first booking rather than costing a round trip of their own.
            context.ContinueAsNew(new CycleInput(input.Profile, run.Progress with { NextPeriod = input.Progress.NextPeriod + 1, Noted = run.TakeNoted() }));
            return null;
        }

        return await CloseStep.RunAsync(run);
    }
}
