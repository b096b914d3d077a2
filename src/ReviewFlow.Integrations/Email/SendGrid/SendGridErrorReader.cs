using System.Text.Json;

namespace ReviewFlow.Integrations.Email.SendGrid;

/// <summary>Reads SendGrid's error body: <c>{"errors":[{"message":"…","field":"…","help":…}]}</c>.</summary>
internal static class SendGridErrorReader
{
    // Enough of a non-JSON body (a proxy's error page) to recognise it, not enough to flood a log.
    private const int MaxRawLength = 200;

    /// <summary>The listed errors; a body that is not SendGrid's error JSON becomes one error holding its start.</summary>
    public static IReadOnlyList<SendGridError> Read(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("errors", out var errors)
                && errors.ValueKind == JsonValueKind.Array)
            {
                return errors.EnumerateArray()
                    .Where(e => e.ValueKind == JsonValueKind.Object)
                    .Select(e => new SendGridError(Text(e, "message") ?? "(no message)", Text(e, "field")))
                    .ToList();
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the raw text.
        }

        string raw = body.Trim();
        return [new SendGridError(raw.Length <= MaxRawLength ? raw : raw[..MaxRawLength] + "…", Field: null)];
    }

    private static string? Text(JsonElement error, string property) =>
        error.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
