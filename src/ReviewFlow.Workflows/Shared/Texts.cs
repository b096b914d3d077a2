using System.Globalization;
using System.Text.Json.Nodes;
using ReviewFlow.Domain.Metrics;
using ReviewFlow.Domain.People;

namespace ReviewFlow.Workflows.Shared;

/// <summary>How figures, times and week ranges read in emails: plain, in the reader's own time zone.</summary>
internal static class Texts
{
    /// <summary>The figure alone; templates put <see cref="Unit"/> after it (SendGrid templates keep the two apart).</summary>
    public static string Value(double value)
        => value.ToString(value == Math.Floor(value) ? "#,0" : "#,0.##", CultureInfo.InvariantCulture);

    /// <summary>The unit as it reads after a figure: currency symbols as their codes ("80,000 GBP").</summary>
    public static string Unit(MetricDefinition metric) => metric.Unit switch
    {
        "£" => "GBP",
        "$" => "USD",
        "€" => "EUR",
        var unit => unit,
    };

    /// <summary>An instant as the journal and timeline write it: ISO-8601 UTC to the second.</summary>
    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string LocalTime(DateTime utc, Person reader)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), reader.Zone);
        return local.ToString("ddd d MMM, HH:mm", CultureInfo.InvariantCulture) + $" ({reader.TimeZone})";
    }

    public static string Weeks(IReadOnlyList<int> weeks)
        => weeks.Count == 1 ? $"week {weeks[0]}" : $"weeks {weeks[0]}–{weeks[^1]}";

    public static JsonArray Targets(IReadOnlyDictionary<string, double> targets, MetricCatalogue catalogue)
    {
        var array = new JsonArray();
        foreach (var (key, value) in targets)
        {
            var metric = catalogue.Resolve(key);
            array.Add(new JsonObject { ["key"] = key, ["value"] = Value(value), ["unit"] = Unit(metric), ["why"] = metric.Why });
        }

        return array;
    }

    public static JsonObject Numbers(IReadOnlyDictionary<string, double> values)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in values)
        {
            obj[key] = value;
        }

        return obj;
    }

    public static JsonArray Ints(IEnumerable<int> values) => new([.. values.Select(v => (JsonNode)v)]);

    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
