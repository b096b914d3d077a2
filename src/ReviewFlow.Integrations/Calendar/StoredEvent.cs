using System.Text.Json;

using Azure.Data.Tables;

namespace ReviewFlow.Integrations.Calendar;

/// <summary>A dev calendar event as one table row holds it (per participant, and once under its idempotency key).</summary>
internal sealed record StoredEvent(
    string Id,
    string OrganizerEmail,
    IReadOnlyList<string> AttendeeEmails,
    string Subject,
    string Body,
    DateTime StartUtc,
    DateTime EndUtc,
    string Kind,
    DateTime CreatedUtc)
{
    public CalendarEvent ToCalendarEvent() => new(Id, OrganizerEmail, AttendeeEmails, Subject, StartUtc, EndUtc, Kind);

    public TableEntity ToEntity(string partitionKey, string rowKey) => new(partitionKey, rowKey)
    {
        ["EventId"] = Id,
        ["Organizer"] = OrganizerEmail,
        ["Attendees"] = JsonSerializer.Serialize(AttendeeEmails),
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
        JsonSerializer.Deserialize<string[]>(entity.GetString("Attendees") ?? "[]") ?? [],
        entity.GetString("Subject") ?? "",
        entity.GetString("Body") ?? "",
        entity.GetDateTimeOffset("StartUtc")!.Value.UtcDateTime,
        entity.GetDateTimeOffset("EndUtc")!.Value.UtcDateTime,
        entity.GetString("Kind"),
        entity.GetDateTimeOffset("CreatedUtc")!.Value.UtcDateTime);
}
