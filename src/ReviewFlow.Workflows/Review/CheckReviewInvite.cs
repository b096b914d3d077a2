using ReviewFlow.Durable;
using ReviewFlow.Integrations.Calendar;

namespace ReviewFlow.Workflows.Review;

/// <summary>Which invitation to look at: the organiser's event and the attendee whose answer counts.</summary>
public sealed record InviteQuery(string OrganizerEmail, string EventId, string AttendeeEmail);

/// <summary>
/// Reads the seller's answer to the review invitation before the review. An event that has vanished from the
/// organiser's calendar counts as declined: either way the review needs a new time.
/// </summary>
public sealed class CheckReviewInvite(ICalendar calendar) : TaskActivity<InviteQuery, AttendeeResponse>
{
    /// <inheritdoc/>
    public override async Task<AttendeeResponse> RunAsync(TaskActivityContext context, InviteQuery input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            return await calendar.GetAttendeeResponseAsync(input.OrganizerEmail, input.EventId, input.AttendeeEmail, context.CancellationToken);
        }
        catch (CalendarEventNotFoundException)
        {
            return AttendeeResponse.Declined;
        }
    }
}
