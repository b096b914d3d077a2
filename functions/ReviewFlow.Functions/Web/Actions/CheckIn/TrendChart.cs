using System.Globalization;
using System.Text;
using ReviewFlow.Domain.Reviews;
using static ReviewFlow.Functions.Web.Html.Html;

namespace ReviewFlow.Functions.Web.Actions.CheckIn;

/// <summary>One review as the chart draws it: its weeks, the metric's actual and plan, actual ÷ plan, and its band.</summary>
/// <param name="Weeks">"W1–2".</param>
/// <param name="Actual">What was reported, or null for a review without a check-in.</param>
/// <param name="Plan">The plan for those weeks.</param>
/// <param name="Ratio">Attainment (plan ÷ actual when lower is better).</param>
/// <param name="Band">"below", "ontrack" or "above": a CSS class, never data.</param>
internal sealed record TrendPoint(string Weeks, double? Actual, double? Plan, double? Ratio, string Band);

/// <summary>
/// A small plan-vs-actual bar chart for the check-in page, sized for a phone: a titled y axis with round ticks, the
/// reviews along the x axis labelled by their weeks, the plan as a dashed outline, the actual as a solid bar coloured by
/// its band, and actual ÷ plan written above each review. (The simulation report's chart is drawn for a whole
/// quarter; with one or two reviews it is too narrow to read and its legend is cut off.)
/// </summary>
internal static class TrendChart
{
    private const double Left = 58;
    private const double Right = 12;
    private const double Top = 34;
    private const double PlotHeight = 150;
    private const double Bottom = 42;
    private const int MinSlots = 4;

    public static void Write(StringBuilder svg, string label, string yTitle, IReadOnlyList<TrendPoint> points)
    {
        var slot = points.Count > 6 ? 40.0 : 64.0;
        var width = Left + (Math.Max(points.Count, MinSlots) * slot) + Right;
        var height = Top + PlotHeight + Bottom;
        var (step, top) = Scale(points.Max(p => Math.Max(p.Actual ?? 0, p.Plan ?? 0)));
        double Y(double v) => Top + PlotHeight - (Math.Clamp(v, 0, top) / top * PlotHeight);

        svg.Append("<svg class=\"chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(C(width)).Append("\" height=\"").Append(C(height))
            .Append("\" viewBox=\"0 0 ").Append(C(width)).Append(' ').Append(C(height)).Append("\" aria-label=\"").Append(E(label)).Append("\"><title>").Append(E(label)).Append("</title>");

        // Legend, on its own row above the plot.
        svg.Append("<g class=\"legend\"><rect class=\"plan\" x=\"").Append(C(Left)).Append("\" y=\"6\" width=\"14\" height=\"10\"/>")
            .Append("<text x=\"").Append(C(Left + 19)).Append("\" y=\"15\">plan</text>")
            .Append("<rect class=\"actual ontrack\" x=\"").Append(C(Left + 56)).Append("\" y=\"6\" width=\"14\" height=\"10\"/>")
            .Append("<text x=\"").Append(C(Left + 75)).Append("\" y=\"15\">your actual</text></g>");

        // Y axis: gridlines with round numbers, and what they count.
        svg.Append("<g class=\"grid\">");
        for (var v = 0.0; v <= top + (step / 2); v += step)
        {
            var y = C(Y(v));
            svg.Append("<line x1=\"").Append(C(Left)).Append("\" x2=\"").Append(C(width - Right)).Append("\" y1=\"").Append(y).Append("\" y2=\"").Append(y).Append("\"/>")
                .Append("<text class=\"tick\" x=\"").Append(C(Left - 5)).Append("\" y=\"").Append(C(Y(v) + 4)).Append("\" text-anchor=\"end\">").Append(E(Compact(v))).Append("</text>");
        }

        svg.Append("</g><text class=\"axis-title\" transform=\"translate(13 ").Append(C(Top + (PlotHeight / 2))).Append(") rotate(-90)\" text-anchor=\"middle\">")
            .Append(E(yTitle)).Append("</text>");

        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            var x = Left + (i * slot);
            var middle = x + (slot / 2);
            if (point.Plan is { } plan)
            {
                svg.Append("<rect class=\"plan\" x=\"").Append(C(x + (slot * 0.12))).Append("\" y=\"").Append(C(Y(plan))).Append("\" width=\"").Append(C(slot * 0.76))
                    .Append("\" height=\"").Append(C(Top + PlotHeight - Y(plan))).Append("\"/>");
            }

            if (point.Actual is { } actual)
            {
                svg.Append("<rect class=\"actual ").Append(point.Band).Append("\" x=\"").Append(C(x + (slot * 0.3))).Append("\" y=\"").Append(C(Y(actual)))
                    .Append("\" width=\"").Append(C(slot * 0.4)).Append("\" height=\"").Append(C(Top + PlotHeight - Y(actual))).Append("\"/>");
                var above = Math.Min(Y(actual), point.Plan is { } p ? Y(p) : Y(actual)) - 4;
                svg.Append("<text class=\"ratio\" x=\"").Append(C(middle)).Append("\" y=\"").Append(C(above)).Append("\" text-anchor=\"middle\">")
                    .Append(E(Percent(point.Ratio))).Append("</text>");
            }
            else
            {
                svg.Append("<text class=\"gap\" x=\"").Append(C(middle)).Append("\" y=\"").Append(C(Top + PlotHeight - 8)).Append("\" text-anchor=\"middle\">no check-in</text>");
            }

            svg.Append("<text class=\"tick\" x=\"").Append(C(middle)).Append("\" y=\"").Append(C(Top + PlotHeight + 16)).Append("\" text-anchor=\"middle\">")
                .Append(E(point.Weeks)).Append("</text>");
        }

        var baseY = C(Top + PlotHeight);
        svg.Append("<line class=\"base\" x1=\"").Append(C(Left)).Append("\" x2=\"").Append(C(width - Right)).Append("\" y1=\"").Append(baseY).Append("\" y2=\"").Append(baseY).Append("\"/>")
            .Append("<text class=\"axis-title\" x=\"").Append(C(Left + ((width - Left - Right) / 2))).Append("\" y=\"").Append(C(height - 6))
            .Append("\" text-anchor=\"middle\">each review, by the weeks it covered</text></svg>");
    }

    /// <summary>actual ÷ plan as a percentage, "101%".</summary>
    public static string Percent(double? ratio) => ratio switch
    {
        null => "–",
        >= 9.99 => "999%+", // the journal stores "nothing planned, something done" as 999
        { } r => (r * 100).ToString("0", CultureInfo.InvariantCulture) + "%",
    };

    /// <summary>The band of a ratio with the policy's thresholds (the same cut-offs the review status uses).</summary>
    public static string Band(double? ratio, double belowPlan, double abovePlan) =>
        ratio is not { } r ? "ontrack" : r < belowPlan ? "below" : r >= abovePlan ? "above" : "ontrack";

    /// <summary>A round tick step (1, 2, 2.5 or 5 × 10^k) for about four intervals, and the axis top with room for the labels.</summary>
    private static (double Step, double Top) Scale(double max)
    {
        if (!double.IsFinite(max) || max <= 0)
        {
            return (1, 4);
        }

        var rough = max * 1.1 / 4;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(f => f * magnitude).First(s => s >= rough);
        return (step, Math.Ceiling(max * 1.1 / step) * step);
    }

    private static string Compact(double v) => Math.Abs(v) switch
    {
        >= 1_000_000 => (v / 1_000_000).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 10_000 => (v / 1000).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => Number(v),
    };

    private static string C(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
