using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

using Newtonsoft.Json.Linq;

namespace ReviewFlow.Integrations.Email.SendGrid;

/// <summary>
/// Turns a System.Text.Json model into the Newtonsoft.Json tree the SendGrid SDK serialises. Handing the SDK a
/// <see cref="JsonObject"/> directly would not work: Newtonsoft would walk it as an ordinary .NET object and put
/// its internals on the wire instead of the model. Going node by node keeps numbers as numbers (with their exact
/// digits), arrays as arrays, and strings that look like dates as the strings they are.
/// </summary>
internal static class TemplateDataConverter
{
    public static JObject Convert(JsonObject model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ConvertObject(model);
    }

    private static JObject ConvertObject(JsonObject node)
    {
        var result = new JObject();
        foreach (var (key, value) in node)
        {
            result.Add(key, ConvertNode(value));
        }

        return result;
    }

    private static JToken ConvertNode(JsonNode? node) => node switch
    {
        null => JValue.CreateNull(),
        JsonObject obj => ConvertObject(obj),
        JsonArray array => new JArray(array.Select(ConvertNode)),
        JsonValue value => ConvertValue(value),
        _ => throw new InvalidOperationException($"Unsupported JSON node type {node.GetType().Name}."),
    };

    private static JValue ConvertValue(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                return new JValue(value.GetValue<string>());
            case JsonValueKind.True:
                return new JValue(true);
            case JsonValueKind.False:
                return new JValue(false);
            case JsonValueKind.Number:
                // The JSON text is the one form that is the same for parsed and for constructed values.
                string raw = value.ToJsonString();
                if (long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out long whole))
                {
                    return new JValue(whole);
                }

                // decimal keeps the digits as written (1.50 stays 1.50); double only for what decimal cannot hold.
                return decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal exact)
                    ? new JValue(exact)
                    : new JValue(double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture));
            case JsonValueKind.Null:
                return JValue.CreateNull();
            default:
                throw new InvalidOperationException($"Unsupported JSON value kind {value.GetValueKind()}.");
        }
    }
}
