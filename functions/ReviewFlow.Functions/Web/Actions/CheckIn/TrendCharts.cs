using System.Text;
using ReviewFlow.Domain.Reviews;
using ReviewFlow.Functions.Simulation.Report;
using ReviewFlow.Functions.Web.Actions.Define;
using static ReviewFlow.Functions.Web.Html.Html;

namespace ReviewFlow.Functions.Web.Actions.CheckIn;

/// <summary>
/// The seller's own trend so far, one small chart per agreed metric from the reviews held: plan as a dashed outline,
/// actual as a bar coloured by attainment, the weeks under each review and the numbers on the axis (the report's chart).
/// </summary>
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

        html.Append("<p class=\"hint\" id=\"trend-how\">One group per review, labelled with its weeks. The dashed outline is the plan for those weeks, ")
            .Append("the solid bar what you reported (red below plan, blue on track, green above plan), and the number above it is actual ÷ plan.</p>");
        var policy = context.Cycle.Profile.Policy;
        var thresholds = new ReportThresholds(policy.BelowPlanRatio, policy.AbovePlanRatio);
        foreach (var figure in request.Figures)
        {
            var key = figure.Target.Key;
            html.Append("<figure class=\"trend\" aria-describedby=\"trend-how\"><figcaption>").Append(E(MetricWords.Label(key, figure.Metric)))
                .Append(": plan vs actual, ").Append(E(MetricWords.Kind(figure.Metric.Kind))).Append("</figcaption>");
            SvgChart.Write(html, context.Seller.Name, key, reviews, figure.Metric.Kind == MetricKind.LowerIsBetter, thresholds);
            html.Append("</figure>");
        }

        return html.ToString();
    }
}
