using System.Globalization;
using System.Text;
using ReviewFlow.Domain.Reviews;
using ReviewFlow.Functions.Simulation.Report;
using ReviewFlow.Functions.Web.Actions.Define;
using static ReviewFlow.Functions.Web.Html.Html;

namespace ReviewFlow.Functions.Web.Actions.CheckIn;

/// <summary>The seller's own trend so far on the check-in page: one chart per agreed metric, from the reviews held (<c>ReviewHeld</c>).</summary>
internal static class TrendCharts
{
    public static string Section(ActionContext context, CheckInRequest request)
    {
        var html = new StringBuilder("<h2 id=\"trend\">Your trend so far</h2>");
        var reviews = context.Journal.Where(e => e.Type == "ReviewHeld").Select(ReviewPoint.From).ToList();
        if (reviews.Count == 0)
        {
            return html.Append("<p class=\"hint\">Your trend appears here after your first review.</p>").ToString();
        }

        html.Append("<p class=\"hint\" id=\"trend-how\">Each review is one group, labelled with its weeks. The dashed outline is the plan for those weeks and the solid bar ")
            .Append("what you reported: red below plan, blue on track, green above plan. The percentage above is your actual against the plan.</p>");
        var policy = context.Cycle.Profile.Policy;
        foreach (var figure in request.Figures)
        {
            var key = figure.Target.Key;
            var points = reviews.Select(r => Point(r, key, policy.BelowPlanRatio, policy.AbovePlanRatio)).ToList();
            html.Append("<figure class=\"trend\" aria-describedby=\"trend-how\"><figcaption>").Append(E(MetricWords.Label(key, figure.Metric)))
                .Append(": plan vs actual</figcaption>");
            TrendChart.Write(html, Summary(key, points), YTitle(figure), points);
            html.Append("</figure>");
        }

        return html.ToString();
    }

    private static TrendPoint Point(ReviewPoint review, string key, double belowPlan, double abovePlan)
    {
        var metric = review.Status != "noData" && review.Metrics.TryGetValue(key, out var m) ? m : null;
        return new TrendPoint(review.WeeksLabel, metric?.Actual, metric?.Plan, metric?.Ratio, TrendChart.Band(metric?.Ratio, belowPlan, abovePlan));
    }

    /// <summary>What the y axis counts: the review's total, or the weekly figure (averaged over the review's weeks).</summary>
    private static string YTitle(ReportedFigure figure)
    {
        var unit = string.IsNullOrEmpty(figure.Metric.Unit) ? figure.Target.Key : figure.Metric.Unit;
        return figure.Metric.Kind switch
        {
            MetricKind.PerWeekIndicator => $"{unit} a week",
            MetricKind.LowerIsBetter => $"{unit} (lower is better)",
            _ => $"{unit} in the weeks",
        };
    }

    /// <summary>The chart in one sentence, for screen readers: how many reviews and the latest one's figures.</summary>
    private static string Summary(string key, IReadOnlyList<TrendPoint> points)
    {
        var text = $"{key}: plan vs actual over {points.Count.ToString(CultureInfo.InvariantCulture)} review{(points.Count == 1 ? "" : "s")}";
        return points.LastOrDefault(p => p.Actual is not null) is { Actual: { } actual } latest
            ? $"{text}; latest {latest.Weeks}: actual {Number(actual)} against plan {(latest.Plan is { } plan ? Number(plan) : "–")} ({TrendChart.Percent(latest.Ratio)})."
            : $"{text}; no figures reported yet.";
    }
}
