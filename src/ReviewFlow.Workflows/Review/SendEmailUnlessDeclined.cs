using ReviewFlow.Durable;
using ReviewFlow.Integrations.Calendar;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Journal;
using ReviewFlow.Integrations.Links;
using ReviewFlow.Workflows.Shared;

namespace ReviewFlow.Workflows.Review;

/// <summary>Which invitation to look at: the organiser's event and the attendee whose answer counts.</summary>
public sealed record InviteQuery(string OrganizerEmail, string EventId, string AttendeeEmail);

/// <summary>An email that goes out only while an invitation stands (the check-in request, before its review).</summary>
public sealed record EmailUnlessDeclinedCommand(InviteQuery Invite, EmailCommand Email);

/// <summary>
/// Reads the attendee's answer to the invitation and, unless it is a decline, sends the email as <see cref="SendEmail"/>
/// does. One activity for both saves the cycle a round trip before every review. An event that has vanished from the
/// organiser's calendar counts as declined: either way the review needs a new time. Declined, nothing is sent or
/// journaled, and the answer goes back to the orchestrator.
/// </summary>
public sealed class SendEmailUnlessDeclined(ICalendar calendar, IEmailSender sender, ICycleJournal journal, EmailLinkSigner links)
    : TaskActivity<EmailUnlessDeclinedCommand, AttendeeResponse>
{
    /// <inheritdoc/>
    public override async Task<AttendeeResponse> RunAsync(TaskActivityContext context, EmailUnlessDeclinedCommand input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var response = await AnswerAsync(input.Invite, context.CancellationToken);
        if (response != AttendeeResponse.Declined)
        {
            await SendEmail.DeliverAsync(sender, journal, links, context, input.Email);
        }

        return response;
    }

    private async Task<AttendeeResponse> AnswerAsync(InviteQuery invite, CancellationToken cancellationToken)
    {
        try
        {
            return await calendar.GetAttendeeResponseAsync(invite.OrganizerEmail, invite.EventId, invite.AttendeeEmail, cancellationToken);
        }
        catch (CalendarEventNotFoundException)
        {
            return AttendeeResponse.Declined;
        }
    }
}
