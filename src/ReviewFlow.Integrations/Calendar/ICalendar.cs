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

/// <summary>Free/busy, meeting creation, attendee answers and cancellation for mailboxes.</summary>
public interface ICalendar
{
    /// <summary>
    /// Busy blocks (UTC, sorted, overlapping [<paramref name="fromUtc"/>, <paramref name="toUtc"/>)) and working
    /// hours for each address, in the order asked.
    /// </summary>
    Task<IReadOnlyList<MailboxSchedule>> GetSchedulesAsync(IReadOnlyList<string> emails, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken);

    /// <summary>Creates the meeting once per <paramref name="idempotencyKey"/>; a repeat returns the first one.</summary>
    Task<CalendarEvent> CreateEventAsync(NewCalendarEvent meeting, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The attendee's answer to the organiser's event.</summary>
    /// <exception cref="CalendarEventNotFoundException">The event is not in the organiser's calendar.</exception>
    Task<AttendeeResponse> GetAttendeeResponseAsync(string organizerEmail, string eventId, string attendeeEmail, CancellationToken cancellationToken);

    /// <summary>Cancels the event (attendees are told by their calendar); an event already gone is not an error.</summary>
    Task CancelEventAsync(string organizerEmail, string eventId, string comment, CancellationToken cancellationToken);
}
