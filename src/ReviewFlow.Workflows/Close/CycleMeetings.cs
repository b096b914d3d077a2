using System.Globalization;
using ReviewFlow.Integrations.Calendar;
using ReviewFlow.Integrations.Journal;

namespace ReviewFlow.Workflows.Close;

/// <summary>
/// The meetings a cycle booked that have not happened yet, read from its journal, and their cancellation: a
/// closed or cancelled cycle leaves nothing behind in anyone's calendar.
/// </summary>
public sealed class CycleMeetings(ICycleJournal journal, ICalendar calendar)
{
    /// <summary>Cancels every meeting of <paramref name="cycleId"/> that starts after <paramref name="nowUtc"/>; returns how many.</summary>
    public async Task<int> CancelFutureAsync(string cycleId, DateTime nowUtc, string comment, CancellationToken cancellationToken)
    {
        var cancelled = 0;
        foreach (var entry in await journal.ReadCycleAsync(cycleId, cancellationToken))
        {
            if (entry.Type != "ReviewBooked"
                || entry.Data["eventId"]?.GetValue<string>() is not { } eventId
                || entry.Data["attendees"]?.AsArray().FirstOrDefault()?.GetValue<string>() is not { } organizer
                || entry.Data["start"]?.GetValue<string>() is not { } startText
                || DateTime.Parse(startText, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal) <= nowUtc)
            {
                continue;
            }

            // Cancelling a meeting already gone (a rebooked review's first time) is harmless by contract.
            await calendar.CancelEventAsync(organizer, eventId, comment, cancellationToken);
            cancelled++;
        }

        return cancelled;
    }
}
