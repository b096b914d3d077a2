using System.Globalization;
using System.Text.Json.Nodes;

namespace ReviewFlow.Functions.Tests.EndToEnd;

/// <summary>One entry of timeline.json as a reader of the file sees it.</summary>
public sealed record TimelineEntry(DateTime At, string Team, string? Seller, string Type, JsonObject Data)
{
    public static IReadOnlyList<TimelineEntry> ReadFile(string path)
    {
        var array = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        return [.. array.Select(n => n!.AsObject()).Select(o => new TimelineEntry(
            DateTime.Parse(o["at"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            o["team"]!.GetValue<string>(),
            o["seller"]?.GetValue<string>(),
            o["type"]!.GetValue<string>(),
            o["data"]!.AsObject()))];
    }

    public DateTime Utc(string field) => DateTime.Parse(Data[field]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
