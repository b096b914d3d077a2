using ReviewFlow.Durable;
using ReviewFlow.Integrations.Calendar;
using ReviewFlow.Integrations.Journal;

namespace ReviewFlow.Workflows.Close;

/// <summary>Which cycle's future meetings to cancel, as of when, and the note attendees see.</summary>
public sealed record FutureMeetingsCommand(string CycleId, DateTime NowUtc, string Comment);

/// <summary>Cancels the meetings a cycle booked that are still ahead (see <see cref="CycleMeetings"/>); repeatable.</summary>
public sealed class CancelFutureMeetings(ICycleJournal journal, ICalendar calendar) : TaskActivity<FutureMeetingsCommand, int>
{
    /// <inheritdoc/>
    public override Task<int> RunAsync(TaskActivityContext context, FutureMeetingsCommand input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return new CycleMeetings(journal, calendar).CancelFutureAsync(input.CycleId, input.NowUtc, input.Comment, context.CancellationToken);
    }
}
