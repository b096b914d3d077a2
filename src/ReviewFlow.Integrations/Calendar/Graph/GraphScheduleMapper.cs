using Microsoft.Graph.Models;

using ReviewFlow.Domain.People;

using GraphWorkingHours = Microsoft.Graph.Models.WorkingHours;
using TimeRange = ReviewFlow.Domain.Scheduling.TimeRange;
using WorkingHours = ReviewFlow.Domain.People.WorkingHours;

namespace ReviewFlow.Integrations.Calendar.Graph;

/// <summary>Reads one <c>scheduleInformation</c> of a <c>getSchedule</c> answer as a <see cref="MailboxSchedule"/>.</summary>
/// <remarks>
/// Busy means the time cannot take a review: <c>busy</c>, <c>oof</c> (out of office) and <c>tentative</c> (the
/// person may well go), and also <c>unknown</c> or a missing status, because a guess must never double-book anyone.
/// <c>free</c> and <c>workingElsewhere</c> (working, just not at the usual desk) are free.
/// </remarks>
internal static class GraphScheduleMapper
{
    /// <summary>The schedule of <paramref name="email"/>, its busy blocks overlapping [from, to), sorted.</summary>
    /// <exception cref="GraphCalendarException">Graph reported an error for this address, or sent no free/busy at all.</exception>
    public static MailboxSchedule Map(string email, string askedThrough, ScheduleInformation information, DateTime fromUtc, DateTime toUtc, int intervalMinutes)
    {
        ArgumentNullException.ThrowIfNull(information);
        if (information.Error is { } error)
        {
            // An address Graph could not read (not found, no permission, another organisation) is never "free".
            throw new GraphCalendarException("read the free/busy schedule", email, 0, error.ResponseCode, error.Message, null);
        }

        IEnumerable<TimeRange> busy;
        if (information.ScheduleItems is { } items)
        {
            busy = items.Where(i => IsBusy(i.Status)).Select(ToRange);
        }
        else if (!string.IsNullOrEmpty(information.AvailabilityView))
        {
            // Items are left out when the app may only see free/busy; the coarse view still says when.
            busy = FromAvailabilityView(information.AvailabilityView, fromUtc, intervalMinutes);
        }
        else
        {
            throw new GraphCalendarException(
                "read the free/busy schedule", email, 0, null, $"the getSchedule answer (asked through {askedThrough}) has neither scheduleItems nor availabilityView", null);
        }

        var (hours, zone) = MapWorkingHours(information.WorkingHours);
        return new MailboxSchedule(
            email,
            [.. busy.Where(r => r.Start < toUtc && r.End > fromUtc && r.Start < r.End).Distinct().OrderBy(r => r.Start).ThenBy(r => r.End)],
            hours,
            zone);
    }

    /// <summary>Whether a schedule item's status makes the time unavailable (see the class remarks).</summary>
    public static bool IsBusy(FreeBusyStatus? status) => status is not (FreeBusyStatus.Free or FreeBusyStatus.WorkingElsewhere);

    /// <summary>
    /// The mailbox's working hours and their zone; (null, null) when it publishes none, or when they cannot be used
    /// (no days, an end not after the start, an unknown zone), so the person's own settings apply instead.
    /// </summary>
    public static (WorkingHours? Hours, TimeZoneInfo? Zone) MapWorkingHours(GraphWorkingHours? published)
    {
        if (published is not { StartTime: { } start, EndTime: { } end, DaysOfWeek: { Count: > 0 } days })
        {
            return (null, null);
        }

        var zone = GraphTimeZones.FromWorkingHoursZone(published.TimeZone);
        if (zone is null)
        {
            return (null, null);
        }

        var hours = new WorkingHours(
            new TimeOnly(start.Hour, start.Minute, start.Second),
            new TimeOnly(end.Hour, end.Minute, end.Second),
            [.. days.OfType<DayOfWeekObject>().Select(GraphTimeZones.ToDayOfWeek).Distinct()]);
        if (hours.Validate().Count > 0)
        {
            return (null, null);
        }

        // Registered so that a Person can name the zone by its id, custom zones included.
        TimeZones.Register(zone);
        return (hours, zone);
    }

    private static TimeRange ToRange(ScheduleItem item)
    {
        if (item.Start is null || item.End is null)
        {
            throw new FormatException("Graph returned a schedule item without start or end.");
        }

        return new TimeRange(GraphTimeZones.ToUtc(item.Start), GraphTimeZones.ToUtc(item.End));
    }

    // One digit per interval from the window's start: 0 free, 1 tentative, 2 busy, 3 out of office, 4 working
    // elsewhere (Graph reports it as 0). Consecutive busy digits become one block.
    private static List<TimeRange> FromAvailabilityView(string view, DateTime fromUtc, int intervalMinutes)
    {
        var blocks = new List<TimeRange>();
        var step = TimeSpan.FromMinutes(intervalMinutes);
        for (int i = 0; i < view.Length; i++)
        {
            if (view[i] is '0' or '4')
            {
                continue;
            }

            var start = fromUtc + (step * i);
            if (blocks.Count > 0 && blocks[^1].End == start)
            {
                blocks[^1] = blocks[^1] with { End = start + step };
            }
            else
            {
                blocks.Add(new TimeRange(start, start + step));
            }
        }

        return blocks;
    }
}
