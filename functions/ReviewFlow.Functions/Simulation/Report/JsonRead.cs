using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReviewFlow.Functions.Simulation.Report;

/// <summary>Tolerant reads of entry data: a missing or oddly typed field is null, never an exception.</summary>
internal static class JsonRead
{
    public static JsonNode? Node(JsonObject? o, string key)
    {
        if (o is null)
        {
            return null;
        }

        return o.TryGetPropertyValue(key, out var node) ? node : null;
    }

    public static string? Str(JsonObject? o, string key) => Text(Node(o, key));

    public static string? Text(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        try
        {
            return value.GetValueKind() switch
            {
                JsonValueKind.String => value.GetValue<string>(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
                _ => null,
            };
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException)
        {
            return null;
        }
    }

    public static double? Num(JsonObject? o, string key) => Number(Node(o, key));

    public static double? Number(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        try
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.Number:
                    if (value.TryGetValue<double>(out var d))
                    {
                        return Finite(d);
                    }

                    return double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out d) ? Finite(d) : null;
                case JsonValueKind.String:
                    return double.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? Finite(s) : null;
                default:
                    return null;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException)
        {
            return null;
        }
    }

    public static int? Int(JsonObject? o, string key)
    {
        var d = Num(o, key);
        return d is { } v && v >= int.MinValue && v <= int.MaxValue ? (int)Math.Round(v) : null;
    }

    public static bool? Bool(JsonObject? o, string key)
    {
        if (Node(o, key) is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
    }

    public static JsonObject? Obj(JsonObject? o, string key) => Node(o, key) as JsonObject;

    public static JsonArray? Arr(JsonObject? o, string key) => Node(o, key) as JsonArray;

    /// <summary>The integers of an array (non-numbers skipped).</summary>
    public static List<int> Ints(JsonObject? o, string key)
    {
        var result = new List<int>();
        if (Arr(o, key) is { } array)
        {
            foreach (var item in array)
            {
                if (Number(item) is { } d && d >= int.MinValue && d <= int.MaxValue)
                {
                    result.Add((int)Math.Round(d));
                }
            }
        }

        return result;
    }

    /// <summary>The strings of an array (numbers rendered as text, other items skipped).</summary>
    public static List<string> Strings(JsonObject? o, string key)
    {
        var result = new List<string>();
        if (Arr(o, key) is { } array)
        {
            foreach (var item in array)
            {
                if (Text(item) is { } s)
                {
                    result.Add(s);
                }
            }
        }
        else if (Str(o, key) is { } single)
        {
            result.Add(single);
        }

        return result;
    }

    /// <summary>A metric → number map, in document order (non-numbers skipped).</summary>
    public static List<KeyValuePair<string, double>> NumberMap(JsonObject? o, string key)
    {
        var result = new List<KeyValuePair<string, double>>();
        if (Obj(o, key) is { } map)
        {
            foreach (var (name, node) in map)
            {
                if (Number(node) is { } d)
                {
                    result.Add(new(name, d));
                }
            }
        }

        return result;
    }

    private static double? Finite(double d) => double.IsFinite(d) ? d : null;
}
