using ReviewFlow.Domain.Scheduling;

namespace ReviewFlow.Integrations.Calendar;

/// <summary>A meeting to create in the organiser's calendar with the attendees invited.</summary>
/// <param name="OrganizerEmail">The organiser's mailbox (the manager).</param>
/// <param name="AttendeeEmails">Invited mailboxes.</param>
/// <param name="Subject">Subject line.</param>
/// <param name="Body">Agenda text.</param>
/// <param name="StartUtc">Start, UTC.</param>
/// <param name="EndUtc">End, UTC.</param>
/// <param name="Kind">"review", "extra" or "coaching".</param>
public sealed record NewCalendarEvent(string OrganizerEmail, IReadOnlyList<string> AttendeeEmails, string Subject, string Body, DateTime StartUtc, DateTime EndUtc, string Kind);

/// <summary>A created meeting.</summary>
public sealed record CalendarEvent(string Id, string OrganizerEmail, IReadOnlyList<string> AttendeeEmails, string Subject, DateTime StartUtc, DateTime EndUtc, string Kind);

/// <summary>Free/busy and meeting creation for mailboxes.</summary>
public interface ICalendar
{
    /// <summary>The busy blocks of <paramref name="email"/> overlapping [from, to), UTC, sorted.</summary>
    Task<IReadOnlyList<TimeRange>> GetBusyAsync(string email, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken);

    /// <summary>Creates the meeting once per <paramref name="idempotencyKey"/>; a repeat returns the first one.</summary>
    Task<CalendarEvent> CreateEventAsync(NewCalendarEvent meeting, string idempotencyKey, CancellationToken cancellationToken);
}
