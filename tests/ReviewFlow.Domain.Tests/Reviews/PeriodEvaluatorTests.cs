using ReviewFlow.Domain.Policy;
using ReviewFlow.Domain.Reviews;
using Xunit;

namespace ReviewFlow.Domain.Tests.Reviews;

public sealed class PeriodEvaluatorTests
{
    private static readonly MetricTarget Revenue = new("revenue", MetricKind.OutcomeTotal, 91_000);
    private static readonly MetricTarget Conversations = new("newConversationsPerWeek", MetricKind.PerWeekIndicator, 10);
    private static readonly MetricTarget Turnaround = new("proposalTurnaroundDays", MetricKind.LowerIsBetter, 3);

    private static Dictionary<string, double> Week(double revenue, double conversations, double turnaround) => new()
    {
        ["revenue"] = revenue,
        ["newConversations"] = conversations,
        ["proposalTurnaroundDays"] = turnaround,
    };

    /// <summary>Fortnightly period of a 13-week quarter: revenue plan is 91,000 x 2/13 = 14,000.</summary>
    [Theory]
    [InlineData(7000, 7000, 10, 10, 3, 3, ReviewStatus.OnTrack)]
    [InlineData(5000, 6000, 10, 10, 3, 3, ReviewStatus.Below)] // revenue 11,000 / 14,000 = 0.79
    [InlineData(8000, 8000, 12, 11, 2.5, 2.5, ReviewStatus.Above)] // 1.14, 1.15, 1.2
    [InlineData(8000, 8000, 12, 11, 3, 3, ReviewStatus.OnTrack)] // turnaround exactly on plan: not every metric above
    [InlineData(7000, 7000, 10, 10, 4, 4, ReviewStatus.Below)] // lower is better: 3 / 4 = 0.75
    [InlineData(7000, 7000, 8, 8, 3, 3, ReviewStatus.Below)] // 8 a week on a target of 10 = 0.8
    public void Evaluate_FortnightlyPeriod_AppliesThresholds(
        double revenue1, double revenue2, double conv1, double conv2, double turn1, double turn2, ReviewStatus expected)
    {
        var evaluation = PeriodEvaluator.Evaluate(
            [Revenue, Conversations, Turnaround],
            [Week(revenue1, conv1, turn1), Week(revenue2, conv2, turn2)],
            quarterWeeks: 13,
            ReviewPolicy.Default);

        Assert.Equal(expected, evaluation.Status);
    }

    [Fact]
    public void Evaluate_ThresholdExactly085_IsOnTrackNotBelow()
    {
        var evaluation = PeriodEvaluator.Evaluate([Conversations], [new Dictionary<string, double> { ["newConversations"] = 8.5 }], 13, ReviewPolicy.Default);

        Assert.Equal(0.85, Assert.Single(evaluation.Metrics).Ratio);
        Assert.Equal(ReviewStatus.OnTrack, evaluation.Status);
    }

    [Fact]
    public void Evaluate_ReportsActualPlanAndRatioPerMetric()
    {
        var evaluation = PeriodEvaluator.Evaluate(
            [Revenue, Conversations, Turnaround],
            [Week(6000, 9, 3), Week(8000, 11, 4)],
            quarterWeeks: 13,
            ReviewPolicy.Default);

        Assert.Equal(new MetricAttainment("revenue", 14000, 14000, 1), evaluation.Metrics[0]);
        Assert.Equal(new MetricAttainment("newConversationsPerWeek", 10, 10, 1), evaluation.Metrics[1]);
        Assert.Equal(new MetricAttainment("proposalTurnaroundDays", 3.5, 3, 0.8571), evaluation.Metrics[2]);
        Assert.Equal(ReviewStatus.OnTrack, evaluation.Status);
    }

    [Fact]
    public void Evaluate_NoCheckInForAnyWeek_HasNoStatus()
    {
        var evaluation = PeriodEvaluator.Evaluate([Revenue], [null, null], 13, ReviewPolicy.Default);

        Assert.Equal(ReviewStatus.NoData, evaluation.Status);
        Assert.Empty(evaluation.Metrics);
    }

    [Fact]
    public void Evaluate_OneWeekMissing_TotalsCountItAsNothingAgainstTheFullPlan()
    {
        var evaluation = PeriodEvaluator.Evaluate([Revenue], [new Dictionary<string, double> { ["revenue"] = 7000 }, null], 13, ReviewPolicy.Default);

        Assert.Equal(new MetricAttainment("revenue", 7000, 14000, 0.5), Assert.Single(evaluation.Metrics));
        Assert.Equal(ReviewStatus.Below, evaluation.Status);
    }

    [Fact]
    public void Evaluate_ZeroTurnaround_IsAboveNotADivisionError()
    {
        var evaluation = PeriodEvaluator.Evaluate([Turnaround], [new Dictionary<string, double> { ["proposalTurnaroundDays"] = 0 }], 13, ReviewPolicy.Default);

        Assert.Equal(ReviewStatus.Above, evaluation.Status);
    }

    [Fact]
    public void Evaluate_LowerIsBetterLeftOut_IsNoDataForThatMetricNotAPerfectZero()
    {
        var weeks = new List<IReadOnlyDictionary<string, double>?>
        {
            new Dictionary<string, double> { ["revenue"] = 7000, ["newConversations"] = 10, ["proposalTurnaroundDays"] = 4 },
            new Dictionary<string, double> { ["revenue"] = 7000, ["newConversations"] = 10 },
        };

        var evaluation = PeriodEvaluator.Evaluate([Revenue, Conversations, Turnaround], weeks, 13, ReviewPolicy.Default);

        // The one reported turnaround (4 days on a plan of 3) is the average: the left-out week is skipped, not read as 0 days.
        var turnaround = Assert.Single(evaluation.Metrics, m => m.Key == Turnaround.Key);
        Assert.Equal(4, turnaround.Actual);
        Assert.Equal(ReviewStatus.Below, evaluation.Status);
    }

    [Fact]
    public void Evaluate_AverageMetricNeverReported_IsLeftOutOfTheVerdict()
    {
        var weeks = new List<IReadOnlyDictionary<string, double>?> { new Dictionary<string, double> { ["revenue"] = 7000 } };

        var evaluation = PeriodEvaluator.Evaluate([Revenue, Turnaround], weeks, 13, ReviewPolicy.Default);

        Assert.DoesNotContain(evaluation.Metrics, m => m.Key == Turnaround.Key);
        Assert.Equal(ReviewStatus.OnTrack, evaluation.Status);
    }
}
