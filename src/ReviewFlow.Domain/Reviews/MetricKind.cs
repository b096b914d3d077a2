namespace ReviewFlow.Domain.Reviews;

/// <summary>How a metric's plan for a review period is derived and how attainment is read.</summary>
public enum MetricKind
{
    /// <summary>A quarter total (revenue, deals won): the period plan is the total pro-rated by weeks; the actual is the period's sum.</summary>
    OutcomeTotal,

    /// <summary>A per-week lead indicator (new conversations a week): the plan is the target; the actual is the period's weekly average.</summary>
    PerWeekIndicator,

    /// <summary>Lower is better (proposal turnaround days): the plan is the target; the actual is the weekly average; attainment is plan/actual.</summary>
    LowerIsBetter,
}

/// <summary>An agreed target for the quarter.</summary>
/// <param name="Key">The metric key, as in the scenario and the check-in form (e.g. "revenue").</param>
/// <param name="Kind">How it is evaluated.</param>
/// <param name="Target">The agreed value: a quarter total, or a per-week figure.</param>
public sealed record MetricTarget(string Key, MetricKind Kind, double Target);

/// <summary>One metric's plan, actual and ratio for a review period.</summary>
public sealed record MetricAttainment(string Key, double Actual, double Plan, double Ratio);

/// <summary>The verdict of a review.</summary>
public enum ReviewStatus
{
    /// <summary>No check-in was submitted for the period: neither good nor bad, and ignored by trend rules.</summary>
    NoData,

    /// <summary>Some metric is under the below-plan ratio.</summary>
    Below,

    /// <summary>Neither below nor above.</summary>
    OnTrack,

    /// <summary>Every metric is at or over the above-plan ratio.</summary>
    Above,
}
