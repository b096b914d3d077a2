using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReviewFlow.Integrations.Email;

/// <summary>
/// A template's sample model plus variations that send every <c>{{#if}}</c>, <c>{{#unless}}</c> and
/// <c>{{#each}}…{{else}}</c> the other way. The sample alone takes one side of each branch, so a misspelt variable
/// on the other side would pass validation and fail later, in the middle of a quarter.
/// </summary>
internal static class SampleVariants
{
    private const string Filler = "sample";

    /// <summary>The sample, then each distinct variation of it.</summary>
    public static IReadOnlyList<SampleVariant> For(string template)
    {
        var sample = TemplateModels.Sample(template);
        SampleVariant[] candidates =
        [
            new("", sample),
            new(" (reached when the sample's empty values are filled in)", (JsonObject)Map(sample, Fill, keepLists: true)),
            new(" (reached when every value is empty)", (JsonObject)Map(sample, Blank, keepLists: true)),
            new(" (reached when every list is empty)", (JsonObject)Map(sample, v => v.DeepClone(), keepLists: false)),
        ];

        // A sample with no empty values or no lists makes some variations identical; rendering those twice proves nothing.
        var distinct = new List<SampleVariant>();
        foreach (var candidate in candidates)
        {
            if (!distinct.Any(d => JsonNode.DeepEquals(d.Model, candidate.Model)))
            {
                distinct.Add(candidate);
            }
        }

        return distinct;
    }

    private static JsonNode Map(JsonNode node, Func<JsonValue, JsonNode> scalar, bool keepLists) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Map(p.Value!, scalar, keepLists)))),
        JsonArray list => keepLists ? new JsonArray([.. list.Select(item => (JsonNode?)Map(item!, scalar, keepLists))]) : [],
        JsonValue value => scalar(value),
        _ => node.DeepClone(),
    };

    private static JsonNode Fill(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String when value.GetValue<string>().Length == 0 => JsonValue.Create(Filler),
        JsonValueKind.False => JsonValue.Create(true),
        JsonValueKind.Number when value.ToJsonString() == "0" => JsonValue.Create(1),
        _ => value.DeepClone(),
    };

    private static JsonNode Blank(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => JsonValue.Create(""),
        JsonValueKind.True => JsonValue.Create(false),
        JsonValueKind.Number => JsonValue.Create(0),
        _ => value.DeepClone(),
    };
}
