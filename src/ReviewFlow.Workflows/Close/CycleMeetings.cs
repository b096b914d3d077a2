using System.Globalization;
using ReviewFlow.Integrations.Calendar;
using ReviewFlow.Integrations.Journal;
using ReviewFlow.Workflows.Cycle;

namespace ReviewFlow.Workflows.Close;

/// <summary>
/// The meetings a cycle booked that have not happened yet (the list the cycle kept, or its journal) and their
/// cancellation: a closed or cancelled cycle leaves nothing behind in anyone's calendar.
/// </summary>
public sealed class CycleMeetings(ICycleJournal journal, ICalendar calendar)
{
    /// <summary>Cancels every meeting of <paramref name="cycleId"/> that starts after <paramref name="nowUtc"/>; returns how many.</summary>
    public async Task<int> CancelFutureAsync(string cycleId, DateTime nowUtc, string comment, CancellationToken cancellationToken)
    {
        var booked = new List<MeetingAhead>();
        foreach (var entry in await journal.ReadCycleAsync(cycleId, cancellationToken))
        {
            if (entry.Type == "ReviewBooked"
                && entry.Data["eventId"]?.GetValue<string>() is { } eventId
                && entry.Data["attendees"]?.AsArray().FirstOrDefault()?.GetValue<string>() is { } organizer
                && entry.Data["start"]?.GetValue<string>() is { } startText)
            {
                booked.Add(new MeetingAhead(organizer, eventId, DateTime.Parse(startText, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)));
            }
        }

        return await CancelFutureAsync(booked, nowUtc, comment, cancellationToken);
    }

    /// <summary>Cancels those of <paramref name="meetings"/> that start after <paramref name="nowUtc"/>; returns how many.</summary>
    public async Task<int> CancelFutureAsync(IEnumerable<MeetingAhead> meetings, DateTime nowUtc, string comment, CancellationToken cancellationToken)
    {
        var cancelled = 0;
        foreach (var meeting in meetings.Where(m => m.Start > nowUtc))
        {
            // Cancelling a meeting already gone (a rebooked review's first time) is harmless by contract.
            await calendar.CancelEventAsync(meeting.Organizer, meeting.EventId, comment, cancellationToken);
            cancelled++;
        }

        return cancelled;
    }
}
