using System.Globalization;

using ReviewFlow.Domain.Policy;
using ReviewFlow.Domain.Reviews;
using Xunit;

namespace ReviewFlow.Domain.Tests.Reviews;

/// <summary>
/// METHOD.md rule 2 as a table: the plan is the quarter total pro-rated by weeks (outcome totals) or the target
/// itself against the weekly average (per-week and lower-is-better); the ratio is actual/plan (plan/actual
/// when lower is better); below under 0.85, above when every metric is at least 1.10.
/// </summary>
public sealed class PeriodRuleTableTests
{
    /// <summary>
    /// Each row: one metric, the weekly figures of the period ("-" a week without a check-in), the quarter
    /// length, and the expected actual, plan, ratio and status.
    /// </summary>
    [Theory]
    // Lower is better: turnaround 2 days against a target of 3 is 3 / 2 = 1.5.
    [InlineData("proposalTurnaroundDays", MetricKind.LowerIsBetter, 3, "2", 13, 2, 3, 1.5, ReviewStatus.Above)]
    [InlineData("proposalTurnaroundDays", MetricKind.LowerIsBetter, 3, "2,2", 13, 2, 3, 1.5, ReviewStatus.Above)]
    [InlineData("proposalTurnaroundDays", MetricKind.LowerIsBetter, 3, "2,4", 13, 3, 3, 1, ReviewStatus.OnTrack)] // averaged, not summed
    [InlineData("proposalTurnaroundDays", MetricKind.LowerIsBetter, 3, "4", 13, 4, 3, 0.75, ReviewStatus.Below)]
    [InlineData("proposalTurnaroundDays", MetricKind.LowerIsBetter, 3, "3.5", 13, 3.5, 3, 0.8571, ReviewStatus.OnTrack)]
    // Outcome totals: a fortnight pro-rates a 13-week total by 2/13; a week by 1/13.
    [InlineData("revenue", MetricKind.OutcomeTotal, 91000, "7000,7000", 13, 14000, 14000, 1, ReviewStatus.OnTrack)]
    [InlineData("revenue", MetricKind.OutcomeTotal, 91000, "5000,6000", 13, 11000, 14000, 0.7857, ReviewStatus.Below)]
    [InlineData("revenue", MetricKind.OutcomeTotal, 91000, "8000,8000", 13, 16000, 14000, 1.1429, ReviewStatus.Above)]
    [InlineData("revenue", MetricKind.OutcomeTotal, 91000, "7000", 13, 7000, 7000, 1, ReviewStatus.OnTrack)]
    [InlineData("revenue", MetricKind.OutcomeTotal, 120000, "10000,10000", 12, 20000, 20000, 1, ReviewStatus.OnTrack)] // a 12-week quarter
    [InlineData("dealsWon", MetricKind.OutcomeTotal, 13, "1,0", 13, 1, 2, 0.5, ReviewStatus.Below)]
    [InlineData("revenue", MetricKind.OutcomeTotal, 91000, "7000,-", 13, 7000, 14000, 0.5, ReviewStatus.Below)] // a missing week adds nothing to the sum
    // Per-week indicators: the target against the period's weekly average.
    [InlineData("newConversationsPerWeek", MetricKind.PerWeekIndicator, 10, "8,12", 13, 10, 10, 1, ReviewStatus.OnTrack)]
    [InlineData("newConversationsPerWeek", MetricKind.PerWeekIndicator, 10, "9,6", 13, 7.5, 10, 0.75, ReviewStatus.Below)]
    [InlineData("newConversationsPerWeek", MetricKind.PerWeekIndicator, 10, "12,10", 13, 11, 10, 1.1, ReviewStatus.Above)]
    [InlineData("newConversationsPerWeek", MetricKind.PerWeekIndicator, 10, "10,-", 13, 10, 10, 1, ReviewStatus.OnTrack)] // the average is over reported weeks
    [InlineData("pipelineCoverage", MetricKind.PerWeekIndicator, 3, "3,3", 13, 3, 3, 1, ReviewStatus.OnTrack)] // not "…PerWeek": reported under its own key
    // Thresholds.
    [InlineData("newConversationsPerWeek", MetricKind.PerWeekIndicator, 10, "8.5", 13, 8.5, 10, 0.85, ReviewStatus.OnTrack)] // exactly 0.85 is not below
    [InlineData("newConversationsPerWeek", MetricKind.PerWeekIndicator, 10, "8.4", 13, 8.4, 10, 0.84, ReviewStatus.Below)]
    [InlineData("newConversationsPerWeek", MetricKind.PerWeekIndicator, 10, "11", 13, 11, 10, 1.1, ReviewStatus.Above)] // exactly 1.10 is above
    [InlineData("newConversationsPerWeek", MetricKind.PerWeekIndicator, 10, "10.9", 13, 10.9, 10, 1.09, ReviewStatus.OnTrack)]
    public void Evaluate_OneMetric_PlanActualRatioAndStatus(
        string key, MetricKind kind, double target, string weeks, int quarterWeeks, double actual, double plan, double ratio, ReviewStatus status)
    {
        var metric = new MetricTarget(key, kind, target);

        var evaluation = PeriodEvaluator.Evaluate([metric], Weeks(PeriodEvaluator.ReportedKey(metric), weeks), quarterWeeks, ReviewPolicy.Default);

        Assert.Equal(new MetricAttainment(key, actual, plan, ratio), Assert.Single(evaluation.Metrics));
        Assert.Equal(status, evaluation.Status);
    }

    /// <summary>Each row: per-metric ratios (revenue, conversations, turnaround) built from one week's figures, and the review's status.</summary>
    [Theory]
    [InlineData(7000, 10, 3, ReviewStatus.OnTrack)]
    [InlineData(8000, 12, 2, ReviewStatus.Above)] // every metric at least 1.10
    [InlineData(8000, 12, 3, ReviewStatus.OnTrack)] // one metric only on plan: not above
    [InlineData(8000, 12, 4, ReviewStatus.Below)] // any metric below wins, however good the others
    [InlineData(5000, 10, 3, ReviewStatus.Below)]
    [InlineData(7000, 5, 1, ReviewStatus.Below)]
    public void Evaluate_SeveralMetrics_AnyBelowIsBelowAllAboveIsAbove(double revenue, double conversations, double turnaround, ReviewStatus status)
    {
        var week = new Dictionary<string, double>
        {
            ["revenue"] = revenue,
            ["newConversations"] = conversations,
            ["proposalTurnaroundDays"] = turnaround,
        };

        var evaluation = PeriodEvaluator.Evaluate(
            [
                new MetricTarget("revenue", MetricKind.OutcomeTotal, 91000),
                new MetricTarget("newConversationsPerWeek", MetricKind.PerWeekIndicator, 10),
                new MetricTarget("proposalTurnaroundDays", MetricKind.LowerIsBetter, 3),
            ],
            [week],
            quarterWeeks: 13,
            ReviewPolicy.Default);

        Assert.Equal(status, evaluation.Status);
        Assert.Equal(3, evaluation.Metrics.Count);
    }

    [Theory]
    [InlineData("-")]
    [InlineData("-,-")]
    [InlineData("")]
    public void Evaluate_NoCheckIn_NoDataAndNoMetrics(string weeks)
    {
        var evaluation = PeriodEvaluator.Evaluate(
            [new MetricTarget("revenue", MetricKind.OutcomeTotal, 91000)], Weeks("revenue", weeks), 13, ReviewPolicy.Default);

        Assert.Equal(ReviewStatus.NoData, evaluation.Status);
        Assert.Empty(evaluation.Metrics);
    }

    [Theory]
    [InlineData(0.9, 1.2, 8.9, ReviewStatus.Below)] // a stricter policy: 0.89 is under 0.9
    [InlineData(0.9, 1.2, 11.9, ReviewStatus.OnTrack)] // 1.19 is not yet above 1.2
    [InlineData(0.9, 1.2, 12, ReviewStatus.Above)]
    [InlineData(0.7, 1.05, 7.5, ReviewStatus.OnTrack)] // a looser policy
    public void Evaluate_CustomThresholds_AppliesPolicy(double below, double above, double conversations, ReviewStatus status)
    {
        var policy = ReviewPolicy.Default with { BelowPlanRatio = below, AbovePlanRatio = above };

        var evaluation = PeriodEvaluator.Evaluate(
            [new MetricTarget("newConversationsPerWeek", MetricKind.PerWeekIndicator, 10)],
            [new Dictionary<string, double> { ["newConversations"] = conversations }],
            13,
            policy);

        Assert.Equal(status, evaluation.Status);
    }

    [Theory]
    [InlineData("newConversationsPerWeek", MetricKind.PerWeekIndicator, "newConversations")]
    [InlineData("demosPerWeek", MetricKind.PerWeekIndicator, "demos")]
    [InlineData("PerWeek", MetricKind.PerWeekIndicator, "PerWeek")] // nothing left to report under
    [InlineData("pipelineCoverage", MetricKind.PerWeekIndicator, "pipelineCoverage")]
    [InlineData("revenue", MetricKind.OutcomeTotal, "revenue")]
    [InlineData("revenuePerWeek", MetricKind.OutcomeTotal, "revenuePerWeek")] // only per-week indicators drop the suffix
    [InlineData("proposalTurnaroundDays", MetricKind.LowerIsBetter, "proposalTurnaroundDays")]
    public void ReportedKey_Target_KeyTheCheckInUses(string key, MetricKind kind, string reported) =>
        Assert.Equal(reported, PeriodEvaluator.ReportedKey(new MetricTarget(key, kind, 1)));

    private static List<IReadOnlyDictionary<string, double>?> Weeks(string key, string weeks) =>
        [.. weeks.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(w => w == "-"
            ? null
            : (IReadOnlyDictionary<string, double>)new Dictionary<string, double> { [key] = double.Parse(w, CultureInfo.InvariantCulture) })];
}
