using ReviewFlow.Domain.People;

namespace ReviewFlow.Domain.Scheduling;

/// <summary>A span of time in UTC; the end is exclusive.</summary>
public sealed record TimeRange(DateTime Start, DateTime End)
{
    /// <summary>Whether the two ranges share any instant.</summary>
    /// <remarks>Ranges that only touch (one ends where the other starts) do not overlap; an empty range overlaps nothing.</remarks>
    public bool Overlaps(TimeRange other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Start < End && other.Start < other.End && Start < other.End && other.Start < End;
    }
}

/// <summary>The weekday and local time of the previous meeting, in the organiser's time zone.</summary>
public sealed record PreferredSlot(DayOfWeek Day, TimeOnly Time)
{
    /// <summary>The weekday and local time of <paramref name="utc"/> in <paramref name="zone"/>.</summary>
    public static PreferredSlot Of(DateTime utc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = ZoneTime.ToLocal(utc, zone);
        return new PreferredSlot(local.DayOfWeek, TimeOnly.FromDateTime(local));
    }
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
/// <remarks>
/// A slot [s, s + Length) starts at or after WindowStart, ends at or before WindowEnd, lies inside both people's
/// <see cref="WorkingHours.Covers"/>, and overlaps no busy block. With a <see cref="SlotRequest.Preferred"/> slot,
/// each day of the window on that weekday (organiser's zone) is tried at that local time, in order; a local time
/// skipped by a DST change is passed over, one that occurs twice is tried at both instants, earlier first.
/// Otherwise, or when none of those fits, the earliest fitting start on a whole quarter-hour of the organiser's
/// local clock is returned.
/// </remarks>
public static class SlotFinder
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(15);

    /// <summary>The slot, or null when none fits the window.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The length is not positive.</exception>
    /// <exception cref="ArgumentException">A person's time zone is not known.</exception>
    public static TimeRange? Find(SlotRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(request.Length, TimeSpan.Zero, "request.Length");

        var organizerHours = request.Organizer.WorkingHours;
        var attendeeHours = request.Attendee.WorkingHours;
        if (!HasWorkingTime(organizerHours) || !HasWorkingTime(attendeeHours))
        {
            return null;
        }

        var search = new Search(
            request.Organizer.Zone,
            organizerHours,
            request.Attendee.Zone,
            attendeeHours,
            request.Length,
            ZoneTime.AsUtc(request.WindowStart),
            ZoneTime.AsUtc(request.WindowEnd),
            MergeBusy(request));

        if (search.WindowStart + search.Length > search.WindowEnd)
        {
            return null;
        }

        var start = (request.Preferred is { } preferred ? search.FirstPreferred(preferred) : null) ?? search.Earliest();
        return start is { } s ? new TimeRange(s, s + request.Length) : null;
    }

    private static bool HasWorkingTime(WorkingHours hours) =>
        hours.Days is { Count: > 0 } && hours.Days.Any(d => Enum.IsDefined(d)) && hours.Start < hours.End;

    /// <summary>Both people's busy blocks that touch the window, merged into disjoint ranges sorted by start.</summary>
    private static TimeRange[] MergeBusy(SlotRequest request)
    {
        var windowStart = ZoneTime.AsUtc(request.WindowStart);
        var windowEnd = ZoneTime.AsUtc(request.WindowEnd);
        var blocks = (request.OrganizerBusy ?? [])
            .Concat(request.AttendeeBusy ?? [])
            .Select(b => new TimeRange(ZoneTime.AsUtc(b.Start), ZoneTime.AsUtc(b.End)))
            .Where(b => b.Start < b.End && b.End > windowStart && b.Start < windowEnd)
            .OrderBy(b => b.Start)
            .ToList();

        var merged = new List<TimeRange>(blocks.Count);
        foreach (var block in blocks)
        {
            if (merged.Count > 0 && block.Start <= merged[^1].End)
            {
                if (block.End > merged[^1].End)
                {
                    merged[^1] = merged[^1] with { End = block.End };
                }
            }
            else
            {
                merged.Add(block);
            }
        }

        return [.. merged];
    }

    private sealed class Search(
        TimeZoneInfo organizerZone,
        WorkingHours organizerHours,
        TimeZoneInfo attendeeZone,
        WorkingHours attendeeHours,
        TimeSpan length,
        DateTime windowStart,
        DateTime windowEnd,
        TimeRange[] busy)
    {
        public TimeSpan Length => length;

        public DateTime WindowStart => windowStart;

        public DateTime WindowEnd => windowEnd;

        public DateTime? FirstPreferred(PreferredSlot preferred)
        {
            var firstDate = ZoneTime.ToLocal(windowStart, organizerZone).Date;
            var lastDate = ZoneTime.ToLocal(windowEnd, organizerZone).Date;
            var offset = ((int)preferred.Day - (int)firstDate.DayOfWeek + 7) % 7;
            for (var date = firstDate.AddDays(offset); date <= lastDate; date = date.AddDays(7))
            {
                foreach (var start in ZoneTime.ToUtc(date + preferred.Time.ToTimeSpan(), organizerZone))
                {
                    if (Fits(start))
                    {
                        return start;
                    }
                }
            }

            return null;
        }

        public DateTime? Earliest()
        {
            var start = AlignUp(windowStart);
            var nextBusy = 0;
            while (start + length <= windowEnd)
            {
                // Jump over nights, weekends and busy blocks instead of testing every quarter-hour of them.
                if (!organizerHours.Covers(start, length, organizerZone))
                {
                    start = Advance(start, organizerHours.NextOpening(start, organizerZone));
                    continue;
                }

                if (!attendeeHours.Covers(start, length, attendeeZone))
                {
                    start = Advance(start, attendeeHours.NextOpening(start, attendeeZone));
                    continue;
                }

                // Starts only move forward, so blocks that ended before this start never matter again.
                while (nextBusy < busy.Length && busy[nextBusy].End <= start)
                {
                    nextBusy++;
                }

                if (nextBusy < busy.Length && busy[nextBusy].Start < start + length)
                {
                    start = AlignUp(busy[nextBusy].End);
                    continue;
                }

                return start;
            }

            return null;
        }

        private bool Fits(DateTime start)
        {
            if (start < windowStart || start + length > windowEnd
                || !organizerHours.Covers(start, length, organizerZone)
                || !attendeeHours.Covers(start, length, attendeeZone))
            {
                return false;
            }

            var meeting = new TimeRange(start, start + length);
            foreach (var block in busy)
            {
                if (block.Start >= meeting.End)
                {
                    break;
                }

                if (block.Overlaps(meeting))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The next candidate after <paramref name="start"/> failed: the opening when it lies ahead, otherwise the
        /// next quarter-hour (the start is inside working hours but the meeting would run past their end).
        /// </summary>
        private DateTime Advance(DateTime start, DateTime opening) =>
            opening > start ? AlignUp(opening) : AlignUp(start + Step);

        /// <summary>The first instant at or after <paramref name="utc"/> on a whole quarter-hour of the organiser's clock.</summary>
        private DateTime AlignUp(DateTime utc)
        {
            var local = ZoneTime.ToLocal(utc, organizerZone);
            var remainder = local.Ticks % Step.Ticks;
            return remainder == 0 ? utc : utc + TimeSpan.FromTicks(Step.Ticks - remainder);
        }
    }
}
