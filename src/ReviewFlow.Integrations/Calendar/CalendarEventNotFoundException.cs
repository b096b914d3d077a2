namespace ReviewFlow.Integrations.Calendar;

/// <summary>
/// Thrown when an event asked about (by organiser and id) is not in the organiser's calendar: never created, or
/// deleted (Outlook moves a cancelled meeting out of the calendar).
/// </summary>
public sealed class CalendarEventNotFoundException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public CalendarEventNotFoundException()
        : base("The calendar event was not found.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CalendarEventNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that caused it.</summary>
    public CalendarEventNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception naming the organiser and the event id.</summary>
    /// <param name="organizerEmail">The organiser whose calendar was searched.</param>
    /// <param name="eventId">The event id asked for.</param>
    /// <param name="innerException">The failure that reported it, if any.</param>
    public CalendarEventNotFoundException(string organizerEmail, string eventId, Exception? innerException)
        : base($"Event '{eventId}' is not in the calendar of {organizerEmail}.", innerException)
    {
        OrganizerEmail = organizerEmail;
        EventId = eventId;
    }

    /// <summary>The organiser whose calendar was searched; empty when not given.</summary>
    public string OrganizerEmail { get; } = "";

    /// <summary>The event id asked for; empty when not given.</summary>
    public string EventId { get; } = "";
}
