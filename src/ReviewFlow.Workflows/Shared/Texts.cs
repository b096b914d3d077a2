using System.Globalization;
using System.Text.Json.Nodes;
using ReviewFlow.Domain.Metrics;
using ReviewFlow.Domain.People;

namespace ReviewFlow.Workflows.Shared;

/// <summary>How figures, times and week ranges read in emails: plain, in the reader's own time zone.</summary>
internal static class Texts
{
    public static string Value(MetricDefinition metric, double value)
    {
        var number = value.ToString(value == Math.Floor(value) ? "#,0" : "#,0.##", CultureInfo.InvariantCulture);
        return metric.Unit switch
        {
            "£" or "$" or "€" => metric.Unit + number,
            "" => number,
            "%" => number + "%",
            _ => $"{number} {metric.Unit}",
        };
    }

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
            array.Add(new JsonObject { ["key"] = key, ["value"] = Value(metric, value), ["unit"] = metric.Unit, ["why"] = metric.Why });
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

    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
