using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using ReviewFlow.Domain.Quarters;
using ReviewFlow.Domain.Reviews;
using ReviewFlow.Functions.Web.Actions.Define;
using static ReviewFlow.Functions.Web.Html.Html;

namespace ReviewFlow.Functions.Web.Actions.CheckIn;

/// <summary>The check-in's figure fields: one fieldset per week, one number per reported figure, named "week.{n}.{key}".</summary>
internal static class CheckInFields
{
    public const string Prefix = "week.";

    /// <summary>Largest weekly figure accepted, as for targets: a larger one is a typo.</summary>
    private const double MaxFigure = 1e12;

    public static bool IsFigureField(string name) => name.StartsWith(Prefix, StringComparison.Ordinal);

    public static string Name(int week, string key) => $"{Prefix}{week.ToString(CultureInfo.InvariantCulture)}.{key}";

    public static string Inputs(CheckInRequest request, Quarter quarter, IFormCollection? posted)
    {
        var html = new StringBuilder();
        foreach (var week in request.Weeks)
        {
            var start = quarter.WeekStartUtc(week);
            var w = week.ToString(CultureInfo.InvariantCulture);
            html.Append("<fieldset class=\"week\"><legend>Week ").Append(w).Append(" · ")
                .Append(E(start.ToString("d MMM", CultureInfo.InvariantCulture))).Append('–').Append(E(start.AddDays(6).ToString("d MMM", CultureInfo.InvariantCulture)))
                .Append("</legend>");
            foreach (var figure in request.Figures)
            {
                var id = $"w{w}-{figure.Key}";
                var name = Name(week, figure.Key);
                html.Append("<label for=\"").Append(E(id)).Append("\">").Append(E(MetricWords.Label(figure.Key, figure.Metric))).Append("</label>")
                    .Append("<p class=\"hint\" id=\"").Append(E(id)).Append("-hint\">").Append(E(Hint(figure))).Append("</p>")
                    .Append("<input type=\"text\" inputmode=\"decimal\" autocomplete=\"off\" maxlength=\"").Append(FieldText.MaxNumberLength)
                    .Append("\" id=\"").Append(E(id)).Append("\" name=\"").Append(E(name)).Append("\" value=\"").Append(E(posted is null ? "" : FieldText.Value(posted, name)))
                    .Append("\" aria-describedby=\"").Append(E(id)).Append("-hint\">");
            }

            html.Append("</fieldset>");
        }

        return html.ToString();
    }

    /// <summary>
    /// Every posted week's figures, the weeks the request covers first. Each asked-for figure must be there and be a
    /// number that is not negative; figures for other weeks or metrics are kept so the check-in's own rules name them.
    /// </summary>
    public static SortedDictionary<int, Dictionary<string, double>> Read(IFormCollection form, CheckInRequest request, List<string> problems)
    {
        var weeks = new SortedDictionary<int, Dictionary<string, double>>();
        foreach (var week in request.Weeks)
        {
            weeks[week] = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var figure in request.Figures)
            {
                var label = $"Week {week.ToString(CultureInfo.InvariantCulture)}, {figure.Key}";
                var text = FieldText.Value(form, Name(week, figure.Key));
                if (text.Length == 0)
                {
                    problems.Add($"{label}: please enter a number (0 if there was none).");
                }
                else if (Parse(label, text, problems) is { } value)
                {
                    weeks[week][figure.Key] = value;
                }
            }
        }

        foreach (var name in form.Keys.Where(IsFigureField))
        {
            var parts = name.Split('.');
            if (parts.Length != 3 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var week) || week < 1 || week > Quarter.MaxWeeks)
            {
                problems.Add($"{FieldText.Shorten(name)}: not a field of this check-in.");
                continue;
            }

            if (request.Weeks.Contains(week) && request.ReportedKeys.Contains(parts[2], StringComparer.Ordinal))
            {
                continue; // read above
            }

            var figures = weeks.TryGetValue(week, out var known) ? known : weeks[week] = new Dictionary<string, double>(StringComparer.Ordinal);
            if (Parse(FieldText.Shorten(name), FieldText.Value(form, name), problems) is { } value)
            {
                figures[parts[2]] = value;
            }
        }

        return weeks;
    }

    private static double? Parse(string label, string text, List<string> problems)
    {
        if (!FieldText.TryNumber(text, out var value))
        {
            problems.Add($"{label}: '{FieldText.Shorten(text)}' is not a number.");
            return null;
        }

        if (value < 0)
        {
            problems.Add($"{label}: cannot be negative ({text}).");
            return null;
        }

        if (value > MaxFigure)
        {
            problems.Add($"{label}: {text} is too large for one week's figure.");
            return null;
        }

        return value;
    }

    private static string Hint(ReportedFigure figure)
    {
        var target = MetricWords.Amount(figure.Target.Target, figure.Metric);
        return figure.Target.Kind switch
        {
            MetricKind.PerWeekIndicator => $"The number for that week (the target is {target} a week).",
            MetricKind.LowerIsBetter => $"That week's average (the target is at most {target}; lower is better).",
            _ => $"That week's total (the quarter's target is {target}).",
        };
    }
}
