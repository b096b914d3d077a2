using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReviewFlow.Testing;

/// <summary>
/// What every Microsoft Graph stand-in reads off a request, and answers with, the way Graph does: the JSON body (property
/// names case-insensitive), the mailbox in <c>/v1.0/users/{address}/…</c>, <c>dateTimeTimeZone</c> values in UTC and
/// Graph's content type. The stubs differ in what they do with a request, not in how they read it.
/// </summary>
public static class GraphWire
{
    /// <summary>The content type of Graph's JSON answers.</summary>
    public const string JsonContentType = "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8";

    /// <summary>Parses a request body; false when it is not JSON. An empty body is no body.</summary>
    public static bool TryParseBody(string text, out JsonNode? body)
    {
        body = null;
        if (text.Length == 0)
        {
            return true;
        }

        try
        {
            // Graph reads property names case-insensitively, and the SDK writes action parameters in PascalCase
            // ("Schedules", "StartTime"), as Graph's metadata names them.
            body = JsonNode.Parse(text, new JsonNodeOptions { PropertyNameCaseInsensitive = true });
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The mailbox after <c>users/</c> in an unescaped path, lower-cased; empty when there is none.</summary>
    public static string MailboxOf(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        int users = Array.FindIndex(segments, s => s.Equals("users", StringComparison.OrdinalIgnoreCase));
        return users >= 0 && users + 1 < segments.Length ? segments[users + 1].ToLowerInvariant() : "";
    }

    /// <summary>
    /// The segments after <c>/v1.0/users/{address}</c> (for routing), or null when the path is not under a mailbox
    /// (<paramref name="mailbox"/> as <see cref="MailboxOf"/> read it, which must be an address).
    /// </summary>
    public static string[]? UserRoute(string path, string mailbox)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments is ["v1.0", "users", _, ..] && mailbox.Contains('@', StringComparison.Ordinal) ? segments[3..] : null;
    }

    /// <summary>Reads a <c>dateTimeTimeZone</c> the adapter sends in UTC; false for any other zone or shape.</summary>
    public static bool TryReadUtc(JsonNode? value, out DateTime utc)
    {
        utc = default;
        return value is JsonObject time
            && (string?)time["timeZone"] == "UTC"
            && DateTime.TryParse((string?)time["dateTime"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out utc);
    }
}
