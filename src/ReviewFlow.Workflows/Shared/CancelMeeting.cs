using ReviewFlow.Durable;
using ReviewFlow.Integrations.Calendar;

namespace ReviewFlow.Workflows.Shared;

/// <summary>A meeting to cancel, and the note the attendees' calendars show.</summary>
public sealed record CancelCommand(string OrganizerEmail, string EventId, string Comment);

/// <summary>Cancels one meeting; cancelling one already gone is harmless, so a redelivery is too.</summary>
public sealed class CancelMeeting(ICalendar calendar) : TaskActivity<CancelCommand, bool>
{
    /// <inheritdoc/>
    public override async Task<bool> RunAsync(TaskActivityContext context, CancelCommand input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await calendar.CancelEventAsync(input.OrganizerEmail, input.EventId, input.Comment, context.CancellationToken);
        return true;
    }
}
