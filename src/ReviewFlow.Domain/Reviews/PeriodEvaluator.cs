using ReviewFlow.Domain.Policy;

namespace ReviewFlow.Domain.Reviews;

/// <summary>The evaluation of one review period.</summary>
/// <param name="Status">Below, on track, above, or no data.</param>
/// <param name="Metrics">Per agreed metric: actual, plan, ratio (empty without data).</param>
public sealed record PeriodEvaluation(ReviewStatus Status, IReadOnlyList<MetricAttainment> Metrics);

/// <summary>
/// Evaluates a review period against the agreed targets (METHOD.md rule 2): the plan is pro-rated or per
/// week, the ratio is actual/plan (plan/actual for lower-is-better), and the status follows the policy's
/// thresholds.
/// </summary>
public static class PeriodEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="weeks"/>: one entry per week of the period, each the figures the seller
    /// reported for that week (totals and lower-is-better under the target's key; a per-week indicator
    /// "xPerWeek" under "x"), or null for a week without a check-in.
    /// </summary>
    public static PeriodEvaluation Evaluate(
        IReadOnlyList<MetricTarget> targets,
        IReadOnlyList<IReadOnlyDictionary<string, double>?> weeks,
        int quarterWeeks,
        ReviewPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(weeks);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfLessThan(quarterWeeks, 1);

        var reported = weeks.Where(w => w is not null).Select(w => w!).ToList();
        if (reported.Count == 0 || weeks.Count == 0)
        {
            return new PeriodEvaluation(ReviewStatus.NoData, []);
        }

        var metrics = targets.Select(t => Attain(t, reported, weeks.Count, quarterWeeks)).OfType<MetricAttainment>().ToList();
        if (metrics.Count == 0)
        {
            return new PeriodEvaluation(ReviewStatus.NoData, []);
        }

        var status = metrics.Any(m => m.Ratio < policy.BelowPlanRatio) ? ReviewStatus.Below
            : metrics.All(m => m.Ratio >= policy.AbovePlanRatio) ? ReviewStatus.Above
            : ReviewStatus.OnTrack;
        return new PeriodEvaluation(status, metrics);
    }

    /// <summary>The key a weekly report uses for a target: "xPerWeek" is reported as "x".</summary>
    public static string ReportedKey(MetricTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        const string suffix = "PerWeek";
        return target.Kind == MetricKind.PerWeekIndicator && target.Key.EndsWith(suffix, StringComparison.Ordinal) && target.Key.Length > suffix.Length
            ? target.Key[..^suffix.Length]
            : target.Key;
    }

    private static MetricAttainment? Attain(MetricTarget target, List<IReadOnlyDictionary<string, double>> reported, int periodWeeks, int quarterWeeks)
    {
        var key = ReportedKey(target);
        var values = reported.Where(w => w.ContainsKey(key)).Select(w => w[key]).ToList();
        if (target.Kind != MetricKind.OutcomeTotal && values.Count == 0)
        {
            // Never reported this period: an average of nothing is no data, not zero (zero days of turnaround would read as perfect).
            return null;
        }

        return target.Kind switch
        {
            // A week without a check-in contributes nothing to a total: the plan still covers the whole period,
            // so skipping a bad week cannot hide it.
            MetricKind.OutcomeTotal => Ratio(target.Key, values.Sum(), target.Target * periodWeeks / quarterWeeks, lowerIsBetter: false),
            MetricKind.PerWeekIndicator => Ratio(target.Key, values.Average(), target.Target, lowerIsBetter: false),
            MetricKind.LowerIsBetter => Ratio(target.Key, values.Average(), target.Target, lowerIsBetter: true),
            _ => throw new ArgumentOutOfRangeException(nameof(target), target.Kind, "Unknown metric kind."),
        };
    }

    private static MetricAttainment Ratio(string key, double actual, double plan, bool lowerIsBetter)
    {
        double ratio;
        if (lowerIsBetter)
        {
            // Zero days of turnaround is as good as it gets: count it as fully on plan or better.
            ratio = actual <= 0 ? double.PositiveInfinity : plan / actual;
        }
        else
        {
            // Nothing planned: meeting it is on plan, anything more is above.
            ratio = plan <= 0 ? (actual > 0 ? double.PositiveInfinity : 1.0) : actual / plan;
        }

        return new MetricAttainment(key, Math.Round(actual, 4), Math.Round(plan, 4), Math.Round(ratio, 4));
    }
}
