using System.Globalization;
using System.Text;

using static ReviewFlow.Functions.Web.Html.Html;

namespace ReviewFlow.Functions.Web.Dashboard;

/// <summary>One review of one metric as the chart draws it.</summary>
/// <param name="Weeks">The weeks the review covered, "W3–4".</param>
/// <param name="Plan">The plan for those weeks (null when the review had no figures to plan against).</param>
/// <param name="Actual">What was reported, or null for a review without a check-in.</param>
/// <param name="Ratio">Attainment (plan ÷ actual when lower is better).</param>
/// <param name="Band">"below", "ontrack", "above" or "nodata": a CSS class and the band's name, never data.</param>
internal sealed record ChartPoint(string Weeks, double? Plan, double? Actual, double? Ratio, string Band);

/// <summary>One metric over the quarter's reviews.</summary>
/// <param name="Key">The metric's key.</param>
/// <param name="Title">"revenue (£): plan vs actual".</param>
/// <param name="YTitle">What the y axis counts, "£ in the review's weeks".</param>
/// <param name="LowerIsBetter">True when a smaller actual is better (proposal turnaround).</param>
/// <param name="Points">One per review held, oldest first.</param>
internal sealed record ChartSeries(string Key, string Title, string YTitle, bool LowerIsBetter, IReadOnlyList<ChartPoint> Points);

/// <summary>
/// A plan-vs-actual chart meant to be read at a glance: a legend in words above the plot, a titled y axis with round
/// ticks, the plan as a dashed step line across each review, the actual as a bar coloured by its band with its
/// percentage written above it (so the band never rests on colour alone), "no check-in" where no figures came, and an
/// x axis of the reviews labelled by their weeks. The check-in page's chart speaks to the seller ("your actual"); this
/// one speaks about them, and names the bands in its legend.
/// </summary>
internal static class PlanActualChart
{
    private const double Left = 62;
    private const double Right = 14;
    private const double Top = 52;
    private const double PlotHeight = 170;
    private const double Bottom = 44;
    private const int MinSlots = 5;

    public static void Write(StringBuilder svg, ChartSeries series, string summary)
    {
        var points = series.Points;
        var slot = points.Count > 8 ? 46.0 : 64.0;
        var width = Left + (Math.Max(points.Count, MinSlots) * slot) + Right;
        var height = Top + PlotHeight + Bottom;
        var (step, top) = Scale(points.Select(p => Math.Max(p.Actual ?? 0, p.Plan ?? 0)).DefaultIfEmpty(0).Max());
        double Y(double v) => Top + PlotHeight - (Math.Clamp(v, 0, top) / top * PlotHeight);

        svg.Append("<svg role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(C(width)).Append("\" height=\"").Append(C(height))
            .Append("\" viewBox=\"0 0 ").Append(C(width)).Append(' ').Append(C(height)).Append("\" aria-label=\"").Append(E(summary)).Append("\"><title>")
            .Append(E(summary)).Append("</title>");
        Legend(svg);

        svg.Append("<g class=\"grid\">");
        for (var v = 0.0; v <= top + (step / 2); v += step)
        {
            var y = C(Y(v));
            svg.Append("<line x1=\"").Append(C(Left)).Append("\" x2=\"").Append(C(width - Right)).Append("\" y1=\"").Append(y).Append("\" y2=\"").Append(y).Append("\"/>")
                .Append("<text class=\"tick\" x=\"").Append(C(Left - 6)).Append("\" y=\"").Append(C(Y(v) + 4)).Append("\" text-anchor=\"end\">").Append(E(Compact(v))).Append("</text>");
        }

        svg.Append("</g><text class=\"axis-title\" transform=\"translate(14 ").Append(C(Top + (PlotHeight / 2))).Append(") rotate(-90)\" text-anchor=\"middle\">")
            .Append(E(series.YTitle)).Append("</text>");

        for (var i = 0; i < points.Count; i++)
        {
            Bar(svg, points[i], Left + (i * slot), slot, Y);
        }

        PlanLine(svg, points, slot, Y);
        var baseY = C(Top + PlotHeight);
        svg.Append("<line class=\"base\" x1=\"").Append(C(Left)).Append("\" x2=\"").Append(C(width - Right)).Append("\" y1=\"").Append(baseY).Append("\" y2=\"").Append(baseY).Append("\"/>");
        if (points.Count == 0)
        {
            svg.Append("<text class=\"gap\" x=\"").Append(C(Left + 8)).Append("\" y=\"").Append(C(Top + (PlotHeight / 2))).Append("\">no reviews held yet</text>");
        }

        svg.Append("<text class=\"axis-title\" x=\"").Append(C(Left + ((width - Left - Right) / 2))).Append("\" y=\"").Append(C(height - 6))
            .Append("\" text-anchor=\"middle\">reviews, by the weeks they covered</text></svg>");
    }

    /// <summary>What the chart shows in one sentence, for its accessible name: the latest review's figures.</summary>
    public static string Summary(string sellerName, ChartSeries series)
    {
        var n = series.Points.Count;
        var text = $"{sellerName}, {series.Title} over {n.ToString(CultureInfo.InvariantCulture)} review{(n == 1 ? "" : "s")}";
        return series.Points.LastOrDefault(p => p.Actual is not null) is { Actual: { } actual } latest
            ? $"{text}; latest {latest.Weeks}: actual {Number(actual)} against plan {(latest.Plan is { } plan ? Number(plan) : "–")}, {DashboardHtml.Percent(latest.Ratio)} ({BandName(latest.Band)})."
            : $"{text}; no figures reported yet.";
    }

    /// <summary>The band's words, as the legend and the data table name it.</summary>
    public static string BandName(string band) => band switch
    {
        "below" => "below plan",
        "above" => "above plan",
        "ontrack" => "on track",
        _ => "no check-in",
    };

    private static void Legend(StringBuilder svg)
    {
        // Two rows: the plan line, then the three bands, each a swatch and its name.
        svg.Append("<g class=\"legend\"><line class=\"plan\" x1=\"").Append(C(Left)).Append("\" x2=\"").Append(C(Left + 22)).Append("\" y1=\"11\" y2=\"11\"/>")
            .Append("<text x=\"").Append(C(Left + 28)).Append("\" y=\"15\">plan for the review's weeks</text>");
        svg.Append("<text x=\"").Append(C(Left)).Append("\" y=\"34\">actual:</text>");
        var x = Left + 50;
        foreach (var band in new[] { "below", "ontrack", "above" })
        {
            svg.Append("<rect class=\"actual ").Append(band).Append("\" x=\"").Append(C(x)).Append("\" y=\"24\" width=\"12\" height=\"12\"/>")
                .Append("<text x=\"").Append(C(x + 16)).Append("\" y=\"34\">").Append(BandName(band)).Append("</text>");
            x += 16 + (BandName(band).Length * 6.2) + 14;
        }

        svg.Append("</g>");
    }

    private static void Bar(StringBuilder svg, ChartPoint point, double x, double slot, Func<double, double> y)
    {
        var middle = x + (slot / 2);
        if (point.Actual is { } actual)
        {
            var barTop = y(actual);
            svg.Append("<rect class=\"actual ").Append(point.Band).Append("\" x=\"").Append(C(x + (slot * 0.28))).Append("\" y=\"").Append(C(barTop))
                .Append("\" width=\"").Append(C(slot * 0.44)).Append("\" height=\"").Append(C(Top + PlotHeight - barTop)).Append("\"/>");
            var above = Math.Max(Math.Min(barTop, point.Plan is { } p ? y(p) : barTop) - 5, Top - 2);
            svg.Append("<text class=\"ratio\" x=\"").Append(C(middle)).Append("\" y=\"").Append(C(above)).Append("\" text-anchor=\"middle\">")
                .Append(E(DashboardHtml.Percent(point.Ratio))).Append("</text>");
        }
        else
        {
            svg.Append("<text class=\"gap\" x=\"").Append(C(middle)).Append("\" y=\"").Append(C(Top + PlotHeight - 20)).Append("\" text-anchor=\"middle\">no")
                .Append("<tspan x=\"").Append(C(middle)).Append("\" dy=\"12\">check-in</tspan></text>");
        }

        svg.Append("<text class=\"tick\" x=\"").Append(C(middle)).Append("\" y=\"").Append(C(Top + PlotHeight + 16)).Append("\" text-anchor=\"middle\">")
            .Append(E(point.Weeks)).Append("</text>");
    }

    /// <summary>The plan as one dashed line: level across each review's slot, stepping where the plan changes.</summary>
    private static void PlanLine(StringBuilder svg, IReadOnlyList<ChartPoint> points, double slot, Func<double, double> y)
    {
        var path = new StringBuilder();
        var drawing = false;
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Plan is not { } plan)
            {
                drawing = false;
                continue;
            }

            var x = Left + (i * slot);
            path.Append(drawing ? " L" : " M").Append(C(x + 3)).Append(' ').Append(C(y(plan)))
                .Append(" L").Append(C(x + slot - 3)).Append(' ').Append(C(y(plan)));
            drawing = true;
        }

        if (path.Length > 0)
        {
            svg.Append("<path class=\"plan\" d=\"").Append(path.ToString().TrimStart()).Append("\"/>");
        }
    }

    /// <summary>A round tick step (1, 2, 2.5 or 5 × 10^k) for about four intervals, and an axis top with room for the labels.</summary>
    private static (double Step, double Top) Scale(double max)
    {
        if (!double.IsFinite(max) || max <= 0)
        {
            return (1, 4);
        }

        var rough = max * 1.12 / 4;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(f => f * magnitude).First(s => s >= rough);
        return (step, Math.Ceiling(max * 1.12 / step) * step);
    }

    private static string Compact(double v) => Math.Abs(v) switch
    {
        >= 1_000_000 => (v / 1_000_000).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 10_000 => (v / 1000).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => Number(v),
    };

    private static string C(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
