using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

using ReviewFlow.Domain.Policy;

namespace ReviewFlow.Functions.Simulation.Scenario;

/// <summary>
/// Reads the scenario's <c>policy</c> onto <see cref="ReviewPolicy"/> through System.Text.Json's contract for the
/// type, not property by property, so settings added to the policy are accepted without touching this reader.
/// Each field is read on its own first, so every bad value is reported with its path, not just the first one.
/// </summary>
internal static class PolicyReader
{
    /// <summary>camelCase names, enums as camelCase strings, durations as "00:20:00", unknown fields rejected.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The policy, or null (with problems recorded) when a value is wrong.</summary>
    public static ReviewPolicy? Read(JsonElement element, string path, JsonProblems problems)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return ReviewPolicy.Default;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(path, "must be an object (omit it to use the defaults)");
            return null;
        }

        var contract = Options.GetTypeInfo(typeof(ReviewPolicy));
        var settable = contract.Properties.Where(p => p.Set is not null).ToDictionary(p => p.Name, StringComparer.Ordinal);
        var before = problems.Count;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in element.EnumerateObject())
        {
            var at = JsonProblems.Child(path, field.Name);
            if (!settable.TryGetValue(field.Name, out var property))
            {
                problems.Add(at, "unknown field (settings: " + string.Join(", ", settable.Keys) + ")");
                continue;
            }

            if (!seen.Add(field.Name))
            {
                problems.Add(at, "appears more than once");
                continue;
            }

            try
            {
                _ = field.Value.Deserialize(property.PropertyType, Options);
            }
            catch (JsonException e)
            {
                problems.Add(at + SubPath(e.Path), Expectation(property.PropertyType, e));
            }
            catch (NotSupportedException e)
            {
                problems.Add(at, e.Message);
            }
        }

        if (problems.Count > before)
        {
            return null;
        }

        ReviewPolicy policy;
        try
        {
            policy = element.Deserialize<ReviewPolicy>(Options) ?? ReviewPolicy.Default;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            problems.Add(path + SubPath((e as JsonException)?.Path), Clean(e.Message));
            return null;
        }

        var names = settable.Keys.ToList();
        foreach (var message in policy.Validate())
        {
            problems.AddQualified(path, message, names);
        }

        return problems.Count > before ? null : policy;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            PropertyNameCaseInsensitive = false,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly();
        return options;
    }

    // "$.definitions[0].kind" → ".definitions[0].kind"; "$" → "".
    private static string SubPath(string? jsonPath)
        => jsonPath is null || jsonPath.Length <= 1 || jsonPath[0] != '$' ? string.Empty : jsonPath[1..];

    private static string Expectation(Type type, JsonException error)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(double) || target == typeof(float) || target == typeof(decimal))
        {
            return "must be a number";
        }

        if (target == typeof(int) || target == typeof(long) || target == typeof(short))
        {
            return "must be a whole number";
        }

        if (target == typeof(bool))
        {
            return "must be true or false";
        }

        if (target == typeof(TimeSpan))
        {
            return "must be a duration like \"00:20:00\"";
        }

        if (target == typeof(string))
        {
            return "must be a string";
        }

        if (target.IsEnum)
        {
            var names = Enum.GetNames(target).Select(n => JsonProblems.Quote(JsonNamingPolicy.CamelCase.ConvertName(n)));
            return "must be one of " + string.Join(", ", names);
        }

        return Clean(error.Message);
    }

    // System.Text.Json appends "Path: … | LineNumber: …" to its messages; the problem already names the path.
    private static string Clean(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        return cut < 0 ? message : message[..cut].TrimEnd();
    }
}
