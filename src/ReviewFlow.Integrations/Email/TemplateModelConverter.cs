using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReviewFlow.Integrations.Email;

/// <summary>
/// Turns a <see cref="JsonObject"/> model into dictionaries, lists and primitives, which Handlebars.Net can
/// walk (it cannot walk <see cref="JsonNode"/>).
/// </summary>
internal static class TemplateModelConverter
{
    /// <summary>The plain form of <paramref name="model"/>; a null value anywhere is an error naming its path.</summary>
    public static Dictionary<string, object> Convert(JsonObject model, string template) =>
        ConvertObject(model, template, "");

    private static Dictionary<string, object> ConvertObject(JsonObject node, string template, string path)
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in node)
        {
            result[key] = ConvertNode(value, template, path.Length == 0 ? key : $"{path}.{key}");
        }

        return result;
    }

    private static object ConvertNode(JsonNode? node, string template, string path) => node switch
    {
        // A null would render as a blank, which is exactly the silent gap the renderer exists to prevent.
        null => throw new InvalidOperationException($"Template '{template}': model value '{path}' is null; give it a value (an empty string if it is really empty)."),
        JsonObject obj => ConvertObject(obj, template, path),
        JsonArray array => array.Select((item, i) => ConvertNode(item, template, $"{path}[{i}]")).ToList(),
        JsonValue value => ConvertValue(value),
        _ => throw new InvalidOperationException($"Template '{template}': model value '{path}' has an unsupported type."),
    };

    private static object ConvertValue(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                return value.GetValue<string>();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                // Going through the JSON text works the same for parsed and for constructed values.
                string raw = value.ToJsonString();
                return long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out long whole)
                    ? whole
                    : decimal.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
            default:
                return value.ToJsonString();
        }
    }
}
