using System.Text.Json;
using System.Text.Json.Serialization;

using Azure.Data.Tables;

namespace ReviewFlow.Integrations.Calendar;

/// <summary>
/// A dev calendar event: an element of the JSON list in each week bucket row of its participants, one table row
/// under its idempotency key, and one under its id (which also holds the attendees' answers).
/// </summary>
/// <remarks>
/// A cancelled event stays in its buckets with <see cref="Cancelled"/> set, so the <c>.ics</c> export can still
/// write it (as STATUS:CANCELLED); free/busy and the overlap check skip it.
/// </remarks>
internal sealed record StoredEvent(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("organizer")] string OrganizerEmail,
    [property: JsonPropertyName("attendees")] IReadOnlyList<string> AttendeeEmails,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("start")] DateTime StartUtc,
    [property: JsonPropertyName("end")] DateTime EndUtc,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("createdAt")] DateTime CreatedUtc,
    [property: JsonPropertyName("cancelled")] bool Cancelled = false)
{
    public CalendarEvent ToCalendarEvent() => new(Id, OrganizerEmail, AttendeeEmails, Subject, StartUtc, EndUtc, Kind);

    /// <summary>True when this event and [<paramref name="startUtc"/>, <paramref name="endUtc"/>) share an instant.</summary>
    public bool Overlaps(DateTime startUtc, DateTime endUtc) => StartUtc < endUtc && EndUtc > startUtc;

    /// <summary>True when this event still takes time (it is not cancelled) and overlaps the range.</summary>
    public bool Blocks(DateTime startUtc, DateTime endUtc) => !Cancelled && Overlaps(startUtc, endUtc);

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
        ["Cancelled"] = Cancelled,
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
        entity.GetDateTimeOffset("CreatedUtc")!.Value.UtcDateTime,
        entity.GetBoolean("Cancelled") ?? false);

    /// <summary>The JSON a week bucket row holds: the list of its events.</summary>
    public static string SerializeList(List<StoredEvent> events) =>
        JsonSerializer.Serialize(events, StoredEventJson.Default.ListStoredEvent);

    /// <summary>Reads what <see cref="SerializeList"/> wrote; times come back as UTC (they are written with 'Z').</summary>
    public static List<StoredEvent> DeserializeList(string json) =>
        JsonSerializer.Deserialize(json, StoredEventJson.Default.ListStoredEvent) ?? [];
}

/// <summary>Source-generated (reflection-free) JSON for the bucket rows, which are read on every busy look-up.</summary>
/// <remarks>Answers are stored by name ("Declined"), so the rows stay readable in a storage explorer.</remarks>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(List<StoredEvent>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(Dictionary<string, AttendeeResponse>))]
internal sealed partial class StoredEventJson : JsonSerializerContext;
