using ReviewFlow.Domain.People;

namespace ReviewFlow.Domain.Scheduling;

/// <summary>A span of time in UTC; the end is exclusive.</summary>
public sealed record TimeRange(DateTime Start, DateTime End)
{
    /// <summary>Whether the two ranges share any instant.</summary>
    public bool Overlaps(TimeRange other) => throw new NotImplementedException();
}

/// <summary>The weekday and local time of the previous meeting, in the organiser's time zone.</summary>
public sealed record PreferredSlot(DayOfWeek Day, TimeOnly Time)
{
    /// <summary>The weekday and local time of <paramref name="utc"/> in <paramref name="zone"/>.</summary>
    public static PreferredSlot Of(DateTime utc, TimeZoneInfo zone) => throw new NotImplementedException();
}

/// <summary>What a slot must satisfy.</summary>
/// <param name="Organizer">The manager (working hours, zone).</param>
/// <param name="Attendee">The seller.</param>
/// <param name="Length">Meeting length.</param>
/// <param name="WindowStart">Earliest start (UTC).</param>
/// <param name="WindowEnd">Latest end (UTC).</param>
/// <param name="OrganizerBusy">The organiser's busy blocks.</param>
/// <param name="AttendeeBusy">The attendee's busy blocks.</param>
/// <param name="Preferred">Keep this weekday and time when it is free in the window.</param>
public sealed record SlotRequest(
    Person Organizer,
    Person Attendee,
    TimeSpan Length,
    DateTime WindowStart,
    DateTime WindowEnd,
    IReadOnlyList<TimeRange> OrganizerBusy,
    IReadOnlyList<TimeRange> AttendeeBusy,
    PreferredSlot? Preferred);

/// <summary>
/// Finds a meeting slot inside both people's working hours (each in their own time zone), clear of both
/// people's busy blocks, keeping the previous weekday and time when free so reviews feel recurring.
/// </summary>
public static class SlotFinder
{
    /// <summary>The slot, or null when none fits the window.</summary>
    public static TimeRange? Find(SlotRequest request) => throw new NotImplementedException();
}
