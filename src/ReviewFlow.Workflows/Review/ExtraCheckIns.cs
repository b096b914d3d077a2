using System.Text.Json.Nodes;
using ReviewFlow.Domain.Policy;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Workflows.Cycle;
using ReviewFlow.Workflows.Shared;

namespace ReviewFlow.Workflows.Review;

/// <summary>
/// Check-ins outside the cadence (METHOD.md rule 4): a seller's request is always booked; a manager's goes
/// through the micromanagement budget and, when refused, the manager is told why and the refusal is on record.
/// </summary>
internal static class ExtraCheckIns
{
    public static async Task AnswerAsync(CycleRun run, ExtraCheckInRequested request)
    {
        var policy = run.Policy;
        var by = request.By == RequestedBy.Manager ? "manager" : "seller";

        // The week is the cycle's own clock, not the requester's say: the budget cannot be gamed or broken by a bad week.
        request = request with { Week = run.Profile.Quarter.WeekAt(run.Now) };
        var decision = ExtraCheckInBudget.Decide(request.By, request.Week, run.Progress.ManagerExtraWeeks, policy);
        if (!decision.Allowed)
        {
            var model = run.Model(run.Manager);
            model["week"] = request.Week;
            model["reason"] = decision.Reason;
            await run.EmailAsync(
                EmailTemplates.ExtraCheckInRefused,
                run.Manager,
                model,
                alsoRecord: new PendingEntry("ExtraCheckInRefused", new JsonObject { ["by"] = by, ["week"] = request.Week, ["reason"] = decision.Reason }));
            return;
        }

        if (request.By == RequestedBy.Manager)
        {
            run.Progress = run.Progress with { ManagerExtraWeeks = [.. run.Progress.ManagerExtraWeeks, request.Week] };
        }

        // Soon, but not today: both people get at least a day's notice.
        var windowStart = run.Now.Date.AddDays(1);
        await run.BookAsync(
            "extra",
            windowStart,
            windowStart.AddDays(4),
            preferred: null,
            policy.ReviewLength,
            $"Extra check-in: {run.Seller.Name} and {run.Manager.Name}",
            request.By == RequestedBy.Seller
                ? $"{run.Seller.Name} asked for a check-in outside the usual rhythm."
                : $"{run.Manager.Name} asked for a check-in outside the usual rhythm (within the agreed budget).",
            new PendingEntry("ExtraCheckInBooked", new JsonObject { ["by"] = by, ["week"] = request.Week }));
    }
}
