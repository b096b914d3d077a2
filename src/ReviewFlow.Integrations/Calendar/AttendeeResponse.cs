namespace ReviewFlow.Integrations.Calendar;

/// <summary>How an invited attendee answered.</summary>
public enum AttendeeResponse
{
    /// <summary>No answer yet (or the calendar does not know the attendee).</summary>
    None,

    /// <summary>Accepted.</summary>
    Accepted,

    /// <summary>Accepted tentatively.</summary>
    TentativelyAccepted,

    /// <summary>Declined.</summary>
    Declined,
}
