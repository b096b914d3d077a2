using System.Globalization;
using System.Text;
using ReviewFlow.Domain.Metrics;
using ReviewFlow.Domain.Reviews;
using ReviewFlow.Functions.Web.Actions.Define;
using static ReviewFlow.Functions.Web.Html.Html;

namespace ReviewFlow.Functions.Web.Actions.Counter;

/// <summary>The seller's counter as a diff against the standing proposal: one row per metric, what changes and by how much.</summary>
internal static class CounterDiff
{
    public static string Table(IReadOnlyDictionary<string, double> proposal, IReadOnlyDictionary<string, double> counter, string sellerName, MetricCatalogue catalogue)
    {
        var html = new StringBuilder("<table class=\"diff\"><thead><tr><th scope=\"col\">Metric</th><th scope=\"col\" class=\"num\">Your proposal</th>")
            .Append("<th scope=\"col\" class=\"num\">").Append(E(sellerName)).Append("'s number</th><th scope=\"col\" class=\"num\">Change</th></tr></thead><tbody>");
        foreach (var key in proposal.Keys.Concat(counter.Keys.Where(k => !proposal.ContainsKey(k))))
        {
            var metric = catalogue.Resolve(key);
            var from = proposal.TryGetValue(key, out var f) ? f : (double?)null;
            var to = counter.TryGetValue(key, out var t) ? t : (double?)null;
            html.Append("<tr><td><strong>").Append(E(key)).Append("</strong><div class=\"why\">").Append(E(metric.Why)).Append("</div></td>")
                .Append("<td class=\"num\">").Append(E(from is { } a ? MetricWords.Amount(a, metric) : "—")).Append("</td>")
                .Append("<td class=\"num\">").Append(E(to is { } b ? MetricWords.Amount(b, metric) : "—")).Append("</td>")
                .Append("<td class=\"num\">").Append(Change(from, to, metric.Kind == MetricKind.LowerIsBetter)).Append("</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>
    /// "▼ −10,000 (−11.1%)" and whether that makes the target easier or harder (for lower-is-better metrics a higher
    /// number is the easier target): standards are not lowered silently. The arrow is decoration; the sign says it in words.
    /// </summary>
    private static string Change(double? from, double? to, bool lowerIsBetter)
    {
        if (from is not { } a || to is not { } b)
        {
            return to is null ? "<span class=\"down\">left out</span>" : "<span class=\"up\">added</span>";
        }

        if (a == b)
        {
            return "<span class=\"same\">no change</span>";
        }

        var delta = b - a;
        var up = delta > 0;
        var easier = up == lowerIsBetter;
        var text = new StringBuilder()
            .Append("<span class=\"").Append(easier ? "down" : "up").Append("\"><span aria-hidden=\"true\">").Append(up ? "▲" : "▼").Append("</span> ")
            .Append(E((up ? "+" : "−") + Number(Math.Abs(delta))));
        if (a != 0)
        {
            var percent = Math.Abs(delta) / Math.Abs(a) * 100;
            text.Append(" (").Append(E((up ? "+" : "−") + percent.ToString("0.#", CultureInfo.InvariantCulture))).Append("%)");
        }

        return text.Append("</span><span class=\"").Append(easier ? "easier\">easier target" : "harder\">harder target").Append("</span>").ToString();
    }
}
