using System.Globalization;
using System.Text.Json;

namespace ReviewFlow.Functions.Simulation.Scenario;

/// <summary>An object's known fields, read once, so a typo is reported instead of silently ignored.</summary>
internal sealed class JsonFields(string path, Dictionary<string, JsonElement> fields)
{
    /// <summary>The object's JSON path ("" for the root).</summary>
    public string Path { get; } = path;

    /// <summary>The path of field <paramref name="name"/>.</summary>
    public string PathOf(string name) => JsonProblems.Child(Path, name);

    /// <summary>The field's value, when present and not null.</summary>
    public bool TryGet(string name, out JsonElement value)
        => fields.TryGetValue(name, out value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>Whether the field is present with any value, null included.</summary>
    public bool Has(string name) => fields.ContainsKey(name);
}

/// <summary>
/// Collects every problem of a JSON document walk, each as "path: what is wrong", and reads typed values
/// while checking them, so the whole file is checked in one pass.
/// </summary>
internal sealed class JsonProblems
{
    private readonly List<string> _problems = [];

    /// <summary>The problems found so far, in document order.</summary>
    public IReadOnlyList<string> All => _problems;

    /// <summary>How many problems were found so far.</summary>
    public int Count => _problems.Count;

    /// <summary>The path of <paramref name="name"/> under <paramref name="parent"/>.</summary>
    public static string Child(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;

    /// <summary>The path of item <paramref name="index"/> of the array at <paramref name="parent"/>.</summary>
    public static string Item(string parent, int index) => parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>Quotes a value the way the problem messages show it.</summary>
    public static string Quote(string value) => JsonSerializer.Serialize(value);

    /// <summary>Records a problem at <paramref name="path"/>.</summary>
    public void Add(string path, string message) => _problems.Add((path.Length == 0 ? "$" : path) + ": " + message);

    /// <summary>
    /// Records a message of a domain <c>Validate()</c> under <paramref name="prefix"/>: when it starts with one of
    /// <paramref name="fields"/> (any case), it is filed under that field's path, so messages name the exact field.
    /// </summary>
    public void AddQualified(string prefix, string message, IEnumerable<string> fields)
    {
        // Domain messages name the field either bare ("weeks must …") or under their record ("quarter.weeks must …").
        var owner = prefix[(prefix.LastIndexOf('.') + 1)..];
        owner = owner.Contains('[', StringComparison.Ordinal) ? owner[..owner.IndexOf('[', StringComparison.Ordinal)] : owner;
        var named = owner.Length > 0 && message.StartsWith(owner + ".", StringComparison.OrdinalIgnoreCase)
            ? message[(owner.Length + 1)..]
            : message;
        foreach (var field in fields.OrderByDescending(f => f.Length))
        {
            if (named.Length > field.Length
                && named.StartsWith(field, StringComparison.OrdinalIgnoreCase)
                && named[field.Length] is ':' or ' ' or '.' or '[' or ',')
            {
                var rest = named[field.Length] == ':' ? named[(field.Length + 1)..].TrimStart() : message;
                _problems.Add(Child(prefix, field) + ": " + rest);
                return;
            }
        }

        Add(prefix, message);
    }

    /// <summary>
    /// Reads an object, reporting a non-object, unknown fields and repeated fields; null when not an object.
    /// </summary>
    public JsonFields? Object(JsonElement element, string path, IReadOnlyCollection<string> known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Add(path, "must be an object");
            return null;
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var at = Child(path, property.Name);
            if (!known.Contains(property.Name))
            {
                Add(at, "unknown field" + Suggest(property.Name, known));
            }
            else if (!fields.TryAdd(property.Name, property.Value))
            {
                Add(at, "appears more than once");
            }
        }

        return new JsonFields(path, fields);
    }

    /// <summary>Reads a required field that must be an object.</summary>
    public JsonFields? RequiredObject(JsonFields? parent, string name, IReadOnlyCollection<string> known)
    {
        if (parent is null)
        {
            return null;
        }

        if (!parent.TryGet(name, out var value))
        {
            Add(parent.PathOf(name), "is required");
            return null;
        }

        return Object(value, parent.PathOf(name), known);
    }

    /// <summary>Reads an optional field that must be an object when present.</summary>
    public JsonFields? OptionalObject(JsonFields? parent, string name, IReadOnlyCollection<string> known)
        => parent is not null && parent.TryGet(name, out var value) ? Object(value, parent.PathOf(name), known) : null;

    /// <summary>Reads an array field (required or not): its items with their paths, or null when absent or not an array.</summary>
    public IReadOnlyList<(JsonElement Item, string Path)>? Array(JsonFields? parent, string name, bool required)
        => TryField(parent, name, required, JsonValueKind.Array, "must be an array", out var value, out var path)
            ? [.. value.EnumerateArray().Select((item, i) => (item, Item(path, i)))]
            : null;

    /// <summary>Reads a string field; required ones must be present and not blank.</summary>
    public string? String(JsonFields? parent, string name, bool required)
    {
        if (!TryField(parent, name, required, JsonValueKind.String, "must be a string", out var value, out var path))
        {
            return null;
        }

        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            Add(path, "must not be blank");
            return null;
        }

        return text;
    }

    /// <summary>
    /// The field's value when it is present and of <paramref name="kind"/>; otherwise records "is required"
    /// (when it is) or <paramref name="mustBe"/>, and returns false.
    /// </summary>
    private bool TryField(JsonFields? parent, string name, bool required, JsonValueKind kind, string mustBe, out JsonElement value, out string path)
    {
        value = default;
        path = parent?.PathOf(name) ?? name;
        if (parent is null)
        {
            return false;
        }

        if (!parent.TryGet(name, out value))
        {
            if (required)
            {
                Add(path, "is required");
            }

            return false;
        }

        if (value.ValueKind != kind)
        {
            Add(path, mustBe);
            return false;
        }

        return true;
    }

    /// <summary>Reads a required whole-number field.</summary>
    public int? Integer(JsonFields? parent, string name)
    {
        if (parent is null)
        {
            return null;
        }

        var path = parent.PathOf(name);
        if (!parent.TryGet(name, out var value))
        {
            Add(path, "is required");
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            Add(path, "must be a whole number");
            return null;
        }

        return number;
    }

    /// <summary>Reads an optional number field in [<paramref name="min"/>, <paramref name="max"/>], or returns <paramref name="fallback"/>.</summary>
    public double Number(JsonFields? parent, string name, double fallback, double min, double max, string unit)
    {
        if (parent is null || !parent.TryGet(name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number) || number < min || number > max)
        {
            Add(parent.PathOf(name), $"must be a number of {unit} between {Format(min)} and {Format(max)}");
            return fallback;
        }

        return number;
    }

    /// <summary>Reads an optional boolean field; null when absent.</summary>
    public bool? Boolean(JsonFields? parent, string name)
    {
        if (parent is null || !parent.TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Add(parent.PathOf(name), "must be true or false");
            return null;
        }

        return value.GetBoolean();
    }

    /// <summary>A figure: a finite number, not negative; null (with a problem) otherwise.</summary>
    public double? Figure(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number) || number < 0)
        {
            Add(path, "must be a number >= 0");
            return null;
        }

        return number;
    }

    /// <summary>Formats a number invariantly.</summary>
    public static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Suggest(string name, IReadOnlyCollection<string> known)
    {
        var best = known
            .Select(k => (Key: k, Distance: Distance(name.ToUpperInvariant(), k.ToUpperInvariant())))
            .Where(c => c.Distance <= 2)
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Key is null
            ? " (expected one of: " + string.Join(", ", known) + ")"
            : " (did you mean " + Quote(best.Key) + "?)";
    }

    // Levenshtein distance, for "did you mean" hints on short field names.
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
