using System.Globalization;
using System.Text.Json.Nodes;
using ReviewFlow.Domain.Reviews;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Workflows.Cycle;
using ReviewFlow.Workflows.Shared;

namespace ReviewFlow.Workflows.Close;

/// <summary>
/// Quarter close: a summary for the seller and for the manager (the same data: the seller sees what the
/// manager sees), and the next quarter's Define pre-filled from what was agreed.
/// </summary>
internal static class CloseStep
{
    /// <summary>
    /// A close requested before the quarter ends: on record with its reason, meetings still ahead cancelled, and
    /// then the usual summary now (or, before any targets were agreed, the cycle simply ends).
    /// </summary>
    public static async Task<CycleOutcome?> CloseEarlyAsync(CycleRun run, CloseRequested request)
    {
        run.Closing = true;
        run.AnswersExtraCheckIns = false;
        run.Record(new PendingEntry("CloseRequested", new JsonObject { ["reason"] = request.Reason, ["by"] = request.By }));
        if (run.Progress.Agreed is null)
        {
            await CancelMeetingsAheadAsync(run, $"The {run.Profile.Quarter.Label} review cycle was closed.");
            run.Record(new PendingEntry("CycleAbandoned", new JsonObject { ["reason"] = $"closed before targets were agreed: {request.Reason}" }));
            await run.FlushAsync();
            return null;
        }

        return await RunAsync(run, early: true);
    }

    public static async Task<CycleOutcome> RunAsync(CycleRun run, bool early = false)
    {
        var quarter = run.Profile.Quarter;
        if (!early)
        {
            await run.WaitUntilAsync(CycleRun.Opening(run.Seller, quarter.EndUtc));
        }

        // Nothing of this quarter stays in anyone's calendar once it is over (an extra check-in booked late).
        await CancelMeetingsAheadAsync(run, $"The {quarter.Label} review cycle has closed.");

        var agreed = run.Progress.Agreed!;
        var catalogue = run.Policy.Catalogue;
        var summary = new JsonObject();
        var lines = new JsonArray();
        foreach (var (key, target) in agreed)
        {
            var metric = catalogue.Resolve(key);
            var (actual, ratio) = QuarterFigure(run.Progress.Reviews, key, metric.Kind, target);
            summary[key] = new JsonObject { ["target"] = target, ["actual"] = actual, ["ratio"] = ratio };
            lines.Add(new JsonObject
            {
                ["key"] = key,
                ["unit"] = Texts.Unit(metric),
                ["target"] = Texts.Value(target),
                ["actual"] = actual is { } a ? Texts.Value(a) : "—",
                ["ratioPercent"] = ratio is { } r ? Math.Round(r * 100).ToString(CultureInfo.InvariantCulture) : "—",
            });
        }

        var reviewsHeld = run.Progress.Reviews.Count;
        var next = CycleIds.NextQuarterLabel(quarter.Label) ?? "next quarter";
        var toSeller = run.Model(run.Seller);
        toSeller["metrics"] = lines;
        toSeller["reviewsHeld"] = reviewsHeld;
        toSeller["nextQuarter"] = next;
        var toManager = run.Model(run.Manager);
        toManager["metrics"] = lines.DeepClone();
        toManager["reviewsHeld"] = reviewsHeld;
        toManager["nextQuarter"] = next;
        await Task.WhenAll(
            run.EmailAsync(EmailTemplates.QuarterSummary, run.Seller, toSeller),
            run.EmailAsync(EmailTemplates.QuarterSummary, run.Manager, toManager),
            RecordAndFlush(
                run,
                new PendingEntry("QuarterClosed", new JsonObject
                {
                    ["metrics"] = summary,
                    ["reviewsHeld"] = reviewsHeld,
                    ["coachingOpenings"] = run.Progress.CoachingOpenings,
                    ["coachingOpen"] = run.Progress.Coaching?.IsOpen ?? false,
                    ["recognitions"] = run.Progress.Recognitions,
                    ["early"] = early,
                }),
                new PendingEntry("NextQuarterPrepared", new JsonObject { ["quarter"] = next, ["targets"] = Texts.Numbers(agreed) })));

        return new CycleOutcome(
            run.Seller.Id,
            run.Profile.Cadence.Name,
            agreed,
            reviewsHeld,
            [.. run.Progress.Reviews.Select(r => r.Status)],
            run.Progress.CoachingOpenings,
            run.Progress.Coaching?.IsOpen ?? false,
            run.Progress.Recognitions);
    }

    private static Task<int> CancelMeetingsAheadAsync(CycleRun run, string comment) =>
        run.Context.CallActivityAsync<int>(nameof(CancelFutureMeetings), new FutureMeetingsCommand(run.Context.InstanceId, run.Now, comment, run.Progress.MeetingsAhead));

    private static Task RecordAndFlush(CycleRun run, params PendingEntry[] entries)
    {
        run.Record(entries);
        return run.FlushAsync();
    }

    /// <summary>
    /// The quarter's actual: the sum of the period sums for totals, the week-weighted average of the period
    /// averages otherwise; reviews without data do not count.
    /// </summary>
    private static (double? Actual, double? Ratio) QuarterFigure(IReadOnlyList<HeldReview> reviews, string key, MetricKind kind, double target)
    {
        var withData = reviews
            .Select(r => (Weeks: r.Weeks.Count, Metric: r.Metrics.FirstOrDefault(m => m.Key == key)))
            .Where(x => x.Metric is not null)
            .ToList();
        if (withData.Count == 0)
        {
            return (null, null);
        }

        double actual;
        if (kind == MetricKind.OutcomeTotal)
        {
            actual = withData.Sum(x => x.Metric!.Actual);
            return (Math.Round(actual, 2), target <= 0 ? null : Math.Round(actual / target, 4));
        }

        actual = withData.Sum(x => x.Metric!.Actual * x.Weeks) / withData.Sum(x => x.Weeks);
        double? ratio = kind == MetricKind.LowerIsBetter
            ? (actual <= 0 ? null : target / actual)
            : (target <= 0 ? null : actual / target);
        return (Math.Round(actual, 2), ratio is { } r ? Math.Round(r, 4) : null);
    }
}
