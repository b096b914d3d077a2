using ReviewFlow.Durable;
using ReviewFlow.Integrations.Calendar;
using ReviewFlow.Integrations.Journal;
using ReviewFlow.Workflows.Cycle;

namespace ReviewFlow.Workflows.Close;

/// <summary>Which cycle's future meetings to cancel, as of when, and the note attendees see.</summary>
/// <param name="CycleId">The cycle.</param>
/// <param name="NowUtc">Meetings starting after this are cancelled.</param>
/// <param name="Comment">The note attendees see.</param>
/// <param name="Meetings">The meetings the cycle booked, when it kept the list; null reads them from its journal.</param>
public sealed record FutureMeetingsCommand(string CycleId, DateTime NowUtc, string Comment, IReadOnlyList<MeetingAhead>? Meetings = null);

/// <summary>Cancels the meetings a cycle booked that are still ahead (see <see cref="CycleMeetings"/>); repeatable.</summary>
public sealed class CancelFutureMeetings(ICycleJournal journal, ICalendar calendar) : TaskActivity<FutureMeetingsCommand, int>
{
    /// <inheritdoc/>
    public override Task<int> RunAsync(TaskActivityContext context, FutureMeetingsCommand input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var meetings = new CycleMeetings(journal, calendar);
        return input.Meetings is { } known
            ? meetings.CancelFutureAsync(known, input.NowUtc, input.Comment, context.CancellationToken)
            : meetings.CancelFutureAsync(input.CycleId, input.NowUtc, input.Comment, context.CancellationToken);
    }
}
