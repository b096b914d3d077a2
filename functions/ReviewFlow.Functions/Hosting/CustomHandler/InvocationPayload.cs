using System.Globalization;
using System.Text.Json;

namespace ReviewFlow.Functions.Hosting.CustomHandler;

/// <summary>A queue message as the host delivered it.</summary>
/// <param name="Text">The message text exactly as written to the queue.</param>
/// <param name="Id">The queue's message id.</param>
/// <param name="DequeueCount">Deliveries so far, this one included.</param>
internal sealed record QueueInvocation(string Text, string Id, long DequeueCount);

/// <summary>A timer firing as the host delivered it.</summary>
/// <param name="IsPastDue">The host says the firing is late (for example after a restart).</param>
internal sealed record TimerInvocation(bool IsPastDue);

/// <summary>
/// Reads the custom-handler invocation body, <c>{"Data":{…},"Metadata":{…}}</c>. Bad input gets a message that
/// says what is wrong, for a 400.
/// </summary>
internal static class InvocationPayload
{
    /// <summary>Largest body accepted: a queue message is at most 64 KiB, plus metadata.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static (QueueInvocation? Invocation, string? Problem) ReadQueue(JsonElement root, string binding)
    {
        if (ReadSections(root) is { Problem: { } sectionProblem })
        {
            return (null, sectionProblem);
        }

        var data = root.GetProperty("Data");
        var metadata = root.GetProperty("Metadata");
        if (!data.TryGetProperty(binding, out var message) || message.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return (null, $"Data.{binding} (the queue message) is missing.");
        }

        var text = MessageText(message);
        if (string.IsNullOrEmpty(text))
        {
            return (null, $"Data.{binding} (the queue message) is empty.");
        }

        if (!TryGetString(metadata, "Id", out var id) || string.IsNullOrWhiteSpace(id))
        {
            return (null, "Metadata.Id (the queue message id) is missing.");
        }

        if (!TryGetLong(metadata, "DequeueCount", out var dequeueCount) || dequeueCount < 1)
        {
            return (null, "Metadata.DequeueCount is missing or not a whole number of at least 1.");
        }

        return (new QueueInvocation(text, id, dequeueCount), null);
    }

    public static (TimerInvocation? Invocation, string? Problem) ReadTimer(JsonElement root, string binding)
    {
        if (ReadSections(root) is { Problem: { } sectionProblem })
        {
            return (null, sectionProblem);
        }

        var data = root.GetProperty("Data");
        if (!data.TryGetProperty(binding, out var timer))
        {
            return (null, $"Data.{binding} (the timer) is missing.");
        }

        if (timer.ValueKind == JsonValueKind.String && TryParseObject(timer.GetString(), out var parsed))
        {
            timer = parsed;
        }

        if (timer.ValueKind != JsonValueKind.Object)
        {
            return (null, $"Data.{binding} must be the timer object ({{\"Schedule\":…,\"ScheduleStatus\":…,\"IsPastDue\":…}}).");
        }

        var pastDue = timer.TryGetProperty("IsPastDue", out var flag) && flag.ValueKind == JsonValueKind.True;
        return (new TimerInvocation(pastDue), null);
    }

    private static (bool Ok, string? Problem) ReadSections(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (false, "The body must be a JSON object {\"Data\":{…},\"Metadata\":{…}}.");
        }

        if (!root.TryGetProperty("Data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return (false, "Data is missing or not an object.");
        }

        if (!root.TryGetProperty("Metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
        {
            return (false, "Metadata is missing or not an object.");
        }

        return (true, null);
    }

    /// <summary>
    /// The message text. The host hands over a JSON message either as the JSON value itself or as a string holding
    /// it (sometimes quoted once more); plain text (a blob reference) always arrives as a string.
    /// </summary>
    private static string? MessageText(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.String)
        {
            return message.GetRawText();
        }

        var text = message.GetString();
        if (text is { Length: > 1 } && text[0] == '"')
        {
            try
            {
                return JsonSerializer.Deserialize<string>(text) ?? text;
            }
            catch (JsonException)
            {
                return text; // a text that merely starts with a quote
            }
        }

        return text;
    }

    private static bool TryParseObject(string? text, out JsonElement parsed)
    {
        parsed = default;
        try
        {
            using var document = JsonDocument.Parse(text ?? "");
            parsed = document.RootElement.Clone();
            return parsed.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryGetString(JsonElement metadata, string name, out string? value)
    {
        value = null;
        if (!metadata.TryGetProperty(name, out var property))
        {
            return false;
        }

        value = property.ValueKind switch
        {
            JsonValueKind.String => property.GetString(),
            JsonValueKind.Number => property.GetRawText(),
            _ => null,
        };
        return value is not null;
    }

    // The host sends metadata values as JSON numbers or as strings, depending on the binding and its version.
    private static bool TryGetLong(JsonElement metadata, string name, out long value)
    {
        value = 0;
        if (!metadata.TryGetProperty(name, out var property))
        {
            return false;
        }

        return property.ValueKind switch
        {
            JsonValueKind.Number => property.TryGetInt64(out value),
            JsonValueKind.String => long.TryParse(property.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }
}
