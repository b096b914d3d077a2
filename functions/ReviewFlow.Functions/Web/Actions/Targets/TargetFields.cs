using System.Text;
using Microsoft.AspNetCore.Http;
using ReviewFlow.Domain.Metrics;
using ReviewFlow.Functions.Web.Actions.Define;
using static ReviewFlow.Functions.Web.Html.Html;

namespace ReviewFlow.Functions.Web.Actions.Targets;

/// <summary>The metric table every targets form shares: one row per metric with its unit and why, and its field.</summary>
internal static class TargetFields
{
    public const string Prefix = "target.";

    public static bool IsTargetField(string name) => name.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>A read-only table of <paramref name="targets"/>, each metric with why it matters.</summary>
    public static string Table(IReadOnlyDictionary<string, double> targets, MetricCatalogue catalogue)
    {
        var html = new StringBuilder("<table><thead><tr><th scope=\"col\">Metric</th><th scope=\"col\" class=\"num\">Target</th></tr></thead><tbody>");
        foreach (var (key, value) in targets)
        {
            var metric = catalogue.Resolve(key);
            html.Append("<tr><td><strong>").Append(E(key)).Append("</strong><div class=\"why\">").Append(E(metric.Why)).Append("</div></td>")
                .Append("<td class=\"num\">").Append(E(MetricWords.Amount(value, metric))).Append("</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>One number field per metric, filled from <paramref name="posted"/> when given, else from <paramref name="values"/>.</summary>
    public static string Inputs(IReadOnlyDictionary<string, double> values, MetricCatalogue catalogue, IFormCollection? posted)
    {
        var html = new StringBuilder();
        foreach (var (key, value) in values)
        {
            var metric = catalogue.Resolve(key);
            var id = "t-" + key;
            var shown = posted is not null && posted.TryGetValue(Prefix + key, out var typed) ? typed.ToString() : FieldValue(value);
            html.Append("<label for=\"").Append(E(id)).Append("\">").Append(E(MetricWords.Label(key, metric))).Append("</label>")
                .Append("<p class=\"hint\" id=\"").Append(E(id)).Append("-why\">").Append(E(metric.Why)).Append("</p>")
                .Append("<input type=\"number\" min=\"0\" step=\"any\" inputmode=\"decimal\" id=\"").Append(E(id))
                .Append("\" name=\"").Append(E(Prefix + key)).Append("\" value=\"").Append(E(shown))
                .Append("\" aria-describedby=\"").Append(E(id)).Append("-why\">");
        }

        return html.ToString();
    }

    /// <summary>
    /// Reads every metric of <paramref name="expected"/> from the form. Each must be there and be a plain number
    /// (thousands separators allowed); ranges are the domain's to judge.
    /// </summary>
    public static Dictionary<string, double> Read(IFormCollection form, IEnumerable<string> expected, List<string> problems)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var key in expected)
        {
            var text = FieldText.Value(form, Prefix + key);
            if (text.Length == 0)
            {
                problems.Add($"{key}: please enter a target.");
            }
            else if (FieldText.TryNumber(text, out var value))
            {
                values[key] = value;
            }
            else
            {
                problems.Add($"{key}: '{FieldText.Shorten(text)}' is not a number.");
            }
        }

        foreach (var extra in form.Keys.Where(IsTargetField).Select(k => k[Prefix.Length..]).Except(expected, StringComparer.Ordinal))
        {
            problems.Add($"{FieldText.Shorten(extra)}: not one of this quarter's metrics.");
        }

        return values;
    }
}
