using System.Text;

namespace ReviewFlow.Functions.Simulation.Report;

/// <summary>
/// One small inline SVG per metric: x = reviews (labelled by weeks), plan as a dashed outlined bar, actual as a solid bar
/// coloured by its attainment band, the ratio written above each review, a gap labelled "no check-in" where no data came.
/// </summary>
internal static class SvgChart
{
    private const double Left = 46;
    private const double Right = 10;
    private const double Top = 34;
    private const double PlotHeight = 110;
    private const double Bottom = 22;

    /// <summary>Whether ratio = plan/actual fits every review with data and actual/plan does not fit at least one.</summary>
    public static bool LowerIsBetter(IReadOnlyList<ReviewPoint> reviews, string key)
    {
        var evidence = false;
        foreach (var review in reviews)
        {
            if (!review.Metrics.TryGetValue(key, out var m) || m is not { Actual: { } a, Plan: { } p, Ratio: { } r } || a <= 0 || p <= 0)
            {
                continue;
            }

            var inverse = Near(r, p / a);
            var direct = Near(r, a / p);
            if (direct && !inverse)
            {
                return false;
            }

            if (inverse && !direct)
            {
                evidence = true;
            }
        }

        return evidence;
    }

    public static void Write(StringBuilder sb, string sellerName, string key, IReadOnlyList<ReviewPoint> reviews, bool lowerIsBetter, ReportThresholds thresholds)
    {
        var n = Math.Max(reviews.Count, 1);
        var slot = n > 8 ? 40.0 : 50.0; // a weekly quarter (13 reviews) still fits a half-width column unscaled
        var width = Left + (n * slot) + Right;
        var height = Top + PlotHeight + Bottom;
        var max = 0.0;
        foreach (var review in reviews)
        {
            if (review.Metrics.TryGetValue(key, out var m))
            {
                max = Math.Max(max, Math.Max(m.Actual ?? 0, m.Plan ?? 0));
            }
        }

        var (step, top) = Scale(max);
        double Y(double v) => Top + PlotHeight - (Math.Clamp(v, 0, top) / top * PlotHeight);

        var label = Summary(sellerName, key, reviews, lowerIsBetter, thresholds);
        sb.Append("<svg class=\"chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(Fmt.C(width))
          .Append("\" height=\"").Append(Fmt.C(height)).Append("\" viewBox=\"0 0 ").Append(Fmt.C(width)).Append(' ').Append(Fmt.C(height))
          .Append("\" aria-label=\"").AppendEnc(label).Append("\"><title>").AppendEnc(label).Append("</title>");

        // Legend.
        sb.Append("<g class=\"lg\"><rect x=\"").Append(Fmt.C(Left)).Append("\" y=\"4\" width=\"12\" height=\"9\" class=\"plan\"/>")
          .Append("<text x=\"").Append(Fmt.C(Left + 16)).Append("\" y=\"12\">plan</text>")
          .Append("<rect x=\"").Append(Fmt.C(Left + 48)).Append("\" y=\"4\" width=\"12\" height=\"9\" class=\"b-neutral\"/>")
          .Append("<text x=\"").Append(Fmt.C(Left + 64)).Append("\" y=\"12\">actual (colour = band)</text></g>");

        // Y axis: gridlines with numbers.
        sb.Append("<g class=\"ax\">");
        var ticks = Math.Clamp((int)Math.Round(top / step), 1, 10);
        for (var k = 0; k <= ticks; k++)
        {
            var v = k * step;
            var y = Fmt.C(Y(v));
            sb.Append("<line x1=\"").Append(Fmt.C(Left)).Append("\" x2=\"").Append(Fmt.C(width - Right)).Append("\" y1=\"").Append(y).Append("\" y2=\"").Append(y).Append("\"/>")
              .Append("<text x=\"").Append(Fmt.C(Left - 4)).Append("\" y=\"").Append(Fmt.C(Y(v) + 3)).Append("\" text-anchor=\"end\">").Append(Fmt.Compact(v)).Append("</text>");
        }

        sb.Append("</g>");

        for (var i = 0; i < reviews.Count; i++)
        {
            var review = reviews[i];
            var x0 = Left + (i * slot);
            var cx = x0 + (slot / 2);
            review.Metrics.TryGetValue(key, out var m);
            var noData = review.Status == "noData" || m?.Actual is null;
            if (noData)
            {
                sb.Append("<rect class=\"gap\" x=\"").Append(Fmt.C(x0 + 4)).Append("\" y=\"").Append(Fmt.C(Top)).Append("\" width=\"").Append(Fmt.C(slot - 8))
                  .Append("\" height=\"").Append(Fmt.C(PlotHeight)).Append("\"/>")
                  .Append("<text class=\"gapt\" x=\"").Append(Fmt.C(cx)).Append("\" y=\"").Append(Fmt.C(Top + (PlotHeight / 2) - 4)).Append("\" text-anchor=\"middle\">no")
                  .Append("<tspan x=\"").Append(Fmt.C(cx)).Append("\" dy=\"11\">check-in</tspan></text>");
            }

            if (m?.Plan is { } plan)
            {
                var py = Y(plan);
                sb.Append("<rect class=\"plan\" x=\"").Append(Fmt.C(x0 + (slot * 0.14))).Append("\" y=\"").Append(Fmt.C(py)).Append("\" width=\"").Append(Fmt.C(slot * 0.72))
                  .Append("\" height=\"").Append(Fmt.C(Top + PlotHeight - py)).Append("\"/>");
            }

            if (!noData && m?.Actual is { } actual)
            {
                var ay = Y(actual);
                var band = Statuses.BandOf(m.Ratio, thresholds);
                sb.Append("<rect class=\"b-").Append(Statuses.Of(band).Css).Append("\" x=\"").Append(Fmt.C(x0 + (slot * 0.3))).Append("\" y=\"").Append(Fmt.C(ay))
                  .Append("\" width=\"").Append(Fmt.C(slot * 0.4)).Append("\" height=\"").Append(Fmt.C(Top + PlotHeight - ay)).Append("\"/>");
                var labelY = Math.Min(ay, m.Plan is { } p2 ? Y(p2) : ay) - 3;
                sb.Append("<text class=\"rt\" x=\"").Append(Fmt.C(cx)).Append("\" y=\"").Append(Fmt.C(Math.Max(labelY, Top - 4))).Append("\" text-anchor=\"middle\">")
                  .Append(Fmt.Ratio(m.Ratio)).Append("</text>");
            }

            sb.Append("<text class=\"xl\" x=\"").Append(Fmt.C(cx)).Append("\" y=\"").Append(Fmt.C(Top + PlotHeight + 14)).Append("\" text-anchor=\"middle\">")
              .AppendEnc(review.WeeksLabel).Append("</text>");
        }

        var baseY = Fmt.C(Top + PlotHeight);
        sb.Append("<line class=\"base\" x1=\"").Append(Fmt.C(Left)).Append("\" x2=\"").Append(Fmt.C(width - Right)).Append("\" y1=\"").Append(baseY).Append("\" y2=\"").Append(baseY).Append("\"/>");
        if (reviews.Count == 0)
        {
            sb.Append("<text class=\"gapt\" x=\"").Append(Fmt.C(Left + 4)).Append("\" y=\"").Append(Fmt.C(Top + (PlotHeight / 2))).Append("\">no reviews yet</text>");
        }

        sb.Append("</svg>");
    }

    /// <summary>The accessible name: what the chart shows and its latest point.</summary>
    private static string Summary(string sellerName, string key, IReadOnlyList<ReviewPoint> reviews, bool lowerIsBetter, ReportThresholds thresholds)
    {
        var text = new StringBuilder();
        text.Append(sellerName).Append(", ").Append(key).Append(": plan vs actual over ").Append(Fmt.Int(reviews.Count)).Append(reviews.Count == 1 ? " review" : " reviews");
        if (lowerIsBetter)
        {
            text.Append(" (lower is better)");
        }

        for (var i = reviews.Count - 1; i >= 0; i--)
        {
            if (reviews[i].Metrics.TryGetValue(key, out var m) && m.Actual is not null && reviews[i].Status != "noData")
            {
                text.Append("; latest ").Append(reviews[i].WeeksLabel).Append(" actual ").Append(Fmt.Number(m.Actual)).Append(" vs plan ").Append(Fmt.Number(m.Plan))
                    .Append(", ratio ").Append(Fmt.Ratio(m.Ratio)).Append(" (").Append(Statuses.Of(Statuses.BandOf(m.Ratio, thresholds)).Label).Append(')');
                break;
            }
        }

        return text.ToString();
    }

    /// <summary>A "nice" tick step (1, 2, 2.5 or 5 × 10^k) giving about four intervals, and the axis top.</summary>
    private static (double Step, double Top) Scale(double max)
    {
        if (max <= 0 || !double.IsFinite(max))
        {
            return (1, 4);
        }

        var rough = max / 4;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = magnitude;
        foreach (var f in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (f * magnitude >= rough)
            {
                step = f * magnitude;
                break;
            }
        }

        var top = Math.Ceiling(max / step) * step;
        return double.IsFinite(top) && top > 0 ? (step, top) : (max / 4, max);
    }

    private static bool Near(double a, double b) => Math.Abs(a - b) <= 0.01 * Math.Max(Math.Abs(b), 0.01);
}
