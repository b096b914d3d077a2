using System.Text;
using Microsoft.AspNetCore.Http;
using ReviewFlow.Domain.Metrics;
using static ReviewFlow.Functions.Web.Html.Html;

namespace ReviewFlow.Functions.Web.Actions.Define;

/// <summary>
/// The Define form's metric fields: one number per metric, pre-filled where the request was, empty where the
/// manager may add a metric from the catalogue. An empty field leaves the metric out.
/// </summary>
internal static class DefineFields
{
    public const string Prefix = "target.";

    public static bool IsTargetField(string name) => name.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The metrics the form offers: the pre-filled ones first, then the rest of the catalogue.</summary>
    public static IReadOnlyList<string> Offered(IReadOnlyDictionary<string, double> prefill, MetricCatalogue catalogue) =>
        [.. prefill.Keys, .. catalogue.Definitions.Select(d => d.Key).Where(k => !prefill.ContainsKey(k))];

    /// <summary>
    /// One labelled field per key, with the metric's why and kind as its hint. A text field with a decimal keypad rather
    /// than type="number": a browser empties a number field it cannot read, which here would leave a metric out silently.
    /// </summary>
    public static string Inputs(IEnumerable<string> keys, IReadOnlyDictionary<string, double> values, MetricCatalogue catalogue, IFormCollection? posted)
    {
        var html = new StringBuilder();
        foreach (var key in keys)
        {
            var metric = catalogue.Resolve(key);
            var id = "t-" + key;
            var shown = posted is not null ? FieldText.Value(posted, Prefix + key)
                : values.TryGetValue(key, out var value) ? FieldValue(value)
                : "";
            html.Append("<label for=\"").Append(E(id)).Append("\">").Append(E(MetricWords.Label(key, metric))).Append("</label>")
                .Append("<p class=\"hint\" id=\"").Append(E(id)).Append("-why\">").Append(E(metric.Why)).Append(' ').Append(E(MetricWords.KindSentence(metric.Kind))).Append("</p>")
                .Append("<input type=\"text\" inputmode=\"decimal\" autocomplete=\"off\" maxlength=\"").Append(FieldText.MaxNumberLength)
                .Append("\" id=\"").Append(E(id)).Append("\" name=\"").Append(E(Prefix + key)).Append("\" value=\"").Append(E(shown))
                .Append("\" aria-describedby=\"").Append(E(id)).Append("-why\">");
        }

        return html.ToString();
    }

    /// <summary>The filled-in metrics, in <paramref name="offered"/> order; empty fields are left out, anything unreadable is a problem.</summary>
    public static Dictionary<string, double> Read(IFormCollection form, IReadOnlyList<string> offered, List<string> problems)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var key in offered)
        {
            var text = FieldText.Value(form, Prefix + key);
            if (text.Length == 0)
            {
                continue;
            }

            if (FieldText.TryNumber(text, out var value))
            {
                values[key] = value;
            }
            else
            {
                problems.Add($"{key}: '{FieldText.Shorten(text)}' is not a number.");
            }
        }

        foreach (var extra in form.Keys.Where(IsTargetField).Select(k => k[Prefix.Length..]).Except(offered, StringComparer.Ordinal))
        {
            problems.Add($"{FieldText.Shorten(extra)}: not one of the metrics this form offers.");
        }

        return values;
    }
}
