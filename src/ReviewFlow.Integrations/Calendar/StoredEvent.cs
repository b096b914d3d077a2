using System.Text.Json;
using System.Text.Json.Serialization;

using Azure.Data.Tables;

namespace ReviewFlow.Integrations.Calendar;

/// <summary>
/// A dev calendar event: an element of the JSON list in each week bucket row of its participants, and one
/// table row under its idempotency key.
/// </summary>
internal sealed record StoredEvent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("organizer")] string OrganizerEmail,
    [property: JsonPropertyName("attendees")] IReadOnlyList<string> AttendeeEmails,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("start")] DateTime StartUtc,
    [property: JsonPropertyName("end")] DateTime EndUtc,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("createdAt")] DateTime CreatedUtc)
{
    public CalendarEvent ToCalendarEvent() => new(Id, OrganizerEmail, AttendeeEmails, Subject, StartUtc, EndUtc, Kind);

    /// <summary>True when this event and [<paramref name="startUtc"/>, <paramref name="endUtc"/>) share an instant.</summary>
    public bool Overlaps(DateTime startUtc, DateTime endUtc) => StartUtc < endUtc && EndUtc > startUtc;

    public TableEntity ToEntity(string partitionKey, string rowKey) => new(partitionKey, rowKey)
    {
        ["EventId"] = Id,
        ["Organizer"] = OrganizerEmail,
        ["Attendees"] = JsonSerializer.Serialize(AttendeeEmails, StoredEventJson.Default.IReadOnlyListString),
        ["Subject"] = Subject,
        ["Body"] = Body,
        ["StartUtc"] = new DateTimeOffset(StartUtc, TimeSpan.Zero),
        ["EndUtc"] = new DateTimeOffset(EndUtc, TimeSpan.Zero),
        ["Kind"] = Kind,
        ["CreatedUtc"] = new DateTimeOffset(CreatedUtc, TimeSpan.Zero),
    };

    public static StoredEvent FromEntity(TableEntity entity) => new(
        entity.GetString("EventId"),
        entity.GetString("Organizer"),
        JsonSerializer.Deserialize(entity.GetString("Attendees") ?? "[]", StoredEventJson.Default.IReadOnlyListString) ?? [],
        entity.GetString("Subject") ?? "",
        entity.GetString("Body") ?? "",
        entity.GetDateTimeOffset("StartUtc")!.Value.UtcDateTime,
        entity.GetDateTimeOffset("EndUtc")!.Value.UtcDateTime,
        entity.GetString("Kind"),
        entity.GetDateTimeOffset("CreatedUtc")!.Value.UtcDateTime);

    /// <summary>The JSON a week bucket row holds: the list of its events.</summary>
    public static string SerializeList(List<StoredEvent> events) =>
        JsonSerializer.Serialize(events, StoredEventJson.Default.ListStoredEvent);

    /// <summary>Reads what <see cref="SerializeList"/> wrote; times come back as UTC (they are written with 'Z').</summary>
    public static List<StoredEvent> DeserializeList(string json) =>
        JsonSerializer.Deserialize(json, StoredEventJson.Default.ListStoredEvent) ?? [];
}

/// <summary>Source-generated (reflection-free) JSON for the bucket rows, which are read on every busy look-up.</summary>
[JsonSerializable(typeof(List<StoredEvent>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class StoredEventJson : JsonSerializerContext;
