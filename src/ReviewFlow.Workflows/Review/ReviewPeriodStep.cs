using System.Text.Json.Nodes;
using ReviewFlow.Domain.Metrics;
using ReviewFlow.Domain.Quarters;
using ReviewFlow.Domain.Reviews;
using ReviewFlow.Domain.Scheduling;
using ReviewFlow.Domain.Trends;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Links;
using ReviewFlow.Workflows.Cycle;
using ReviewFlow.Workflows.Develop;
using ReviewFlow.Workflows.Shared;

namespace ReviewFlow.Workflows.Review;

/// <summary>
/// Review, one period: book the slot (same weekday and time as last time when free), send the short check-in
/// form the day before, remind once, hold the review, evaluate the period against the agreed targets, and
/// act on what the trend rules say (coaching, its close, recognition).
/// </summary>
internal static class ReviewPeriodStep
{
    public static async Task RunAsync(CycleRun run, ReviewPeriod period)
    {
        var quarter = run.Profile.Quarter;
        var policy = run.Policy;
        var targets = ExpectationSet.From(run.Progress.Agreed!, policy.Catalogue);
        var weeks = period.Weeks;
        var weeksText = Texts.Weeks(weeks);

        // The review sits at the end of its period: from the fourth day of its last week for a week. A period
        // that starts late (a long agreement, a coaching conversation) books from now, never in the past.
        var windowStart = quarter.WeekStartUtc(period.LastWeek).AddDays(3);
        var windowEnd = windowStart.AddDays(7);
        windowStart = windowStart < run.Now ? run.Now : windowStart;
        windowEnd = windowEnd < windowStart.AddDays(2) ? windowStart.AddDays(7) : windowEnd;
        var subject = $"Review ({weeksText}): {run.Seller.Name} and {run.Manager.Name}";
        var body = $"Progress against the agreed targets for {weeksText}: what is working, what is not, and what support would help.";
        var meeting = await run.BookAsync("review", windowStart, windowEnd, run.Progress.ReviewSlot, policy.ReviewLength, subject, body);
        var reviewAt = meeting?.Start ?? windowEnd;

        // The seller's answer to the invitation is read as the check-in request goes out: a decline gets one new time,
        // and the request follows it.
        var link = run.Link(ActionNames.CheckIn, run.Seller);
        if (!await SendCheckInRequestAsync(run, weeks, weeksText, reviewAt, link, meeting))
        {
            meeting = await ReviewInvite.RebookAsync(run, meeting!, period.LastWeek, subject, body);
            reviewAt = meeting.Start;
            await SendCheckInRequestAsync(run, weeks, weeksText, reviewAt, link, invitedTo: null);
        }

        // The period is evaluated once, when the check-in arrives (the agenda shows it); the review records it.
        var evaluation = await AwaitCheckInAsync(run, targets, weeks, weeksText, reviewAt, link);
        await run.WaitUntilAsync(reviewAt);

        var (trend, signals) = run.Progress.Trend.Record(reviewAt, evaluation.Status, policy);
        var coaching = run.Progress.Coaching;
        if (coaching is { IsOpen: true } && evaluation.Status != ReviewStatus.NoData)
        {
            coaching = coaching.FollowUp(reviewAt, evaluation.Status);
        }

        run.Progress = run.Progress with
        {
            Trend = trend,
            Coaching = coaching,
            ReviewSlot = meeting is null ? run.Progress.ReviewSlot : PreferredSlot.Of(meeting.Start, run.Manager.Zone),
            Reviews = [.. run.Progress.Reviews, new HeldReview(period.Index, weeks, reviewAt, evaluation.Status, evaluation.Metrics)],
        };
        run.Record(new PendingEntry("ReviewHeld", new JsonObject
        {
            ["weeks"] = Texts.Ints(weeks),
            ["status"] = StatusName(evaluation.Status),
            ["metrics"] = Metrics(evaluation.Metrics),
            ["period"] = period.Index + 1,
        }));

        foreach (var signal in signals)
        {
            await (signal switch
            {
                CoachingOpened opened => DevelopStep.OpenAsync(run, opened),
                CoachingClosed closed => DevelopStep.CloseAsync(run, closed),
                RecognitionEarned earned => RecognizeAsync(run, earned, evaluation),
                _ => Task.CompletedTask,
            });
        }
    }

    /// <summary>
    /// The check-in form goes out the policy's lead time before the review, inside the seller's working day;
    /// when that lands on or after the review (a Monday review after a weekend), the last working day before.
    /// </summary>
    private static DateTime CheckInRequestTime(CycleRun run, DateTime reviewAt)
    {
        var seller = run.Seller;
        for (var back = run.Policy.CheckInLeadTime; back <= run.Policy.CheckInLeadTime + TimeSpan.FromDays(7); back += TimeSpan.FromDays(1))
        {
            var opening = CycleRun.Opening(seller, reviewAt - back);
            if (opening < reviewAt - run.Policy.CheckInReminderBefore)
            {
                return opening;
            }
        }

        return reviewAt - run.Policy.CheckInLeadTime;
    }

    public static string StatusName(ReviewStatus status) => status switch
    {
        ReviewStatus.Below => "below",
        ReviewStatus.OnTrack => "onTrack",
        ReviewStatus.Above => "above",
        _ => "noData",
    };

    /// <summary>
    /// Sends the check-in form at its time before the review; with <paramref name="invitedTo"/>, only if the seller has
    /// not declined that meeting (false when declined: nothing was sent).
    /// </summary>
    private static async Task<bool> SendCheckInRequestAsync(CycleRun run, IReadOnlyList<int> weeks, string weeksText, DateTime reviewAt, string link, BookedMeeting? invitedTo)
    {
        await run.WaitUntilAsync(CheckInRequestTime(run, reviewAt));
        var model = run.Model(run.Seller);
        model["weeks"] = weeksText;
        model["reviewAt"] = Texts.LocalTime(reviewAt, run.Seller);
        model["targets"] = Texts.Targets(run.Progress.Agreed!, run.Policy.Catalogue);
        model["link"] = link;
        var action = new Integrations.Email.AwaitedAction(run.Context.InstanceId, nameof(CheckInSubmitted), run.Seller.Id, weeks);
        var requested = new PendingEntry("CheckInRequested", new JsonObject { ["weeks"] = Texts.Ints(weeks) });
        if (invitedTo is null)
        {
            await run.EmailAsync(EmailTemplates.CheckInRequest, run.Seller, model, action: action, alsoRecord: requested);
            return true;
        }

        var invite = new InviteQuery(run.Manager.Email, invitedTo.EventId, run.Seller.Email);
        return await run.EmailUnlessDeclinedAsync(invite, EmailTemplates.CheckInRequest, run.Seller, model, action, requested);
    }

    private static async Task<PeriodEvaluation> AwaitCheckInAsync(CycleRun run, ExpectationSet targets, IReadOnlyList<int> weeks, string weeksText, DateTime reviewAt, string link)
    {
        var policy = run.Policy;

        // Reminders stop as soon as the data has arrived; without it the review still happens, with no status.
        // A check-in for other weeks (a late one for the previous review) is recorded as rejected, not used here.
        var reportedKeys = targets.Targets.Select(PeriodEvaluator.ReportedKey).ToList();
        var submitted = await run.AwaitAsync<CheckInSubmitted>(
            nameof(CheckInSubmitted),
            [ManagerNudges.Reminder(run, run.Seller, $"your check-in for {weeksText}", link, reviewAt - policy.CheckInReminderBefore)],
            reviewAt,
            answer => answer.CheckIn?.Weeks is not { Count: > 0 }
                ? "a check-in needs the figures of at least one week"
                : answer.CheckIn.Validate(weeks, reportedKeys) is { Count: > 0 } problems ? string.Join(" ", problems) : null);
        var evaluation = PeriodEvaluator.Evaluate(
            targets.Targets,
            submitted?.CheckIn.ForWeeks(weeks) ?? [.. weeks.Select(_ => (IReadOnlyDictionary<string, double>?)null)],
            run.Profile.Quarter.Weeks,
            policy);
        if (submitted is null)
        {
            return evaluation;
        }

        var agenda = run.Model(run.Manager);
        agenda["weeks"] = weeksText;
        agenda["reviewAt"] = Texts.LocalTime(reviewAt, run.Manager);
        agenda["figures"] = Figures(run, evaluation);
        agenda["working"] = submitted.CheckIn.Working ?? string.Empty;
        agenda["notWorking"] = submitted.CheckIn.NotWorking ?? string.Empty;
        agenda["supportNeeded"] = submitted.CheckIn.SupportNeeded ?? string.Empty;
        agenda["coachingActions"] = Texts.Strings(run.Progress.Coaching is { IsOpen: true } plan ? plan.Actions : []);
        await run.EmailAsync(
            EmailTemplates.ReviewAgenda,
            run.Manager,
            agenda,
            cc: run.Seller,
            alsoRecord: new PendingEntry("CheckInSubmitted", new JsonObject
            {
                ["weeks"] = Texts.Ints(submitted.CheckIn.Weeks.Select(w => w.Week)),
            }));
        return evaluation;
    }

    private static JsonArray Figures(CycleRun run, PeriodEvaluation evaluation)
    {
        var catalogue = run.Policy.Catalogue;
        var figures = new JsonArray();
        foreach (var metric in evaluation.Metrics)
        {
            var definition = catalogue.Resolve(metric.Key);
            figures.Add(new JsonObject
            {
                ["key"] = metric.Key,
                ["unit"] = Texts.Unit(definition),
                ["actual"] = Texts.Value(metric.Actual),
                ["plan"] = Texts.Value(metric.Plan),
            });
        }

        return figures;
    }

    private static JsonObject Metrics(IReadOnlyList<MetricAttainment> metrics)
    {
        var json = new JsonObject();
        foreach (var m in metrics)
        {
            json[m.Key] = new JsonObject { ["actual"] = m.Actual, ["plan"] = m.Plan, ["ratio"] = double.IsInfinity(m.Ratio) ? 999 : m.Ratio };
        }

        return json;
    }

    private static Task RecognizeAsync(CycleRun run, RecognitionEarned earned, PeriodEvaluation evaluation)
    {
        run.Progress = run.Progress with { Recognitions = run.Progress.Recognitions + 1 };
        var catalogue = run.Policy.Catalogue;
        var highlights = new JsonArray();
        foreach (var m in evaluation.Metrics)
        {
            highlights.Add(new JsonObject
            {
                ["key"] = m.Key,
                ["unit"] = Texts.Unit(catalogue.Resolve(m.Key)),
                ["ratioPercent"] = double.IsInfinity(m.Ratio) ? "well over 100" : Math.Round(m.Ratio * 100).ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        }

        var model = run.Model(run.Seller);
        model["reviews"] = earned.Reviews.Count;
        model["highlights"] = highlights;
        return run.EmailAsync(
            EmailTemplates.Recognition,
            run.Seller,
            model,
            cc: run.Manager,
            alsoRecord: new PendingEntry("RecognitionSent", new JsonObject { ["reviews"] = Texts.Strings(earned.Reviews.Select(Texts.Iso)) }));
    }
}
