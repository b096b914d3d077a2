using System.Net;
using System.Text;

using Microsoft.Graph.Models;

using ReviewFlow.Integrations.Storage;

namespace ReviewFlow.Integrations.Calendar.Graph;

/// <summary>The Graph <c>event</c> that creates a <see cref="NewCalendarEvent"/>.</summary>
internal static class GraphEventBuilder
{
    /// <summary>
    /// The event: subject, the agenda as HTML, UTC start and end, the attendees as required attendees, a
    /// <c>transactionId</c> derived from the idempotency key and, when asked, a Teams meeting.
    /// </summary>
    public static Event Build(NewCalendarEvent meeting, string idempotencyKey, bool onlineMeeting)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        var graphEvent = new Event
        {
            Subject = meeting.Subject,
            Body = new ItemBody { ContentType = BodyType.Html, Content = HtmlBody(meeting.Body) },
            Start = GraphTimeZones.ToGraph(meeting.StartUtc),
            End = GraphTimeZones.ToGraph(meeting.EndUtc),
            Attendees = [.. meeting.AttendeeEmails.Select(a => new Attendee
            {
                EmailAddress = new EmailAddress { Address = a.Trim() },
                Type = AttendeeType.Required,
            })],
            TransactionId = TransactionId(idempotencyKey),
        };
        if (onlineMeeting)
        {
            graphEvent.IsOnlineMeeting = true;
            graphEvent.OnlineMeetingProvider = OnlineMeetingProviderType.TeamsForBusiness;
        }

        return graphEvent;
    }

    /// <summary>
    /// An event that only blocks time in its owner's calendar: shown as busy, no attendees (so nobody is invited),
    /// no reminder, and a <c>transactionId</c> as for meetings, so repeating the request adds nothing.
    /// </summary>
    public static Event BuildBusy(string subject, DateTime startUtc, DateTime endUtc, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return new Event
        {
            Subject = subject,
            Body = new ItemBody { ContentType = BodyType.Html, Content = HtmlBody("") },
            Start = GraphTimeZones.ToGraph(startUtc),
            End = GraphTimeZones.ToGraph(endUtc),
            ShowAs = FreeBusyStatus.Busy,
            Attendees = [],
            IsReminderOn = false,
            ResponseRequested = false,
            TransactionId = TransactionId(idempotencyKey),
        };
    }

    /// <summary>
    /// The <c>transactionId</c> of the event created under <paramref name="idempotencyKey"/>: the same key always
    /// gives the same id, so Graph recognises a retried create instead of adding a second meeting.
    /// </summary>
    public static string TransactionId(string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);

        // A hash: fixed length and no characters Graph might reject, whatever the key holds.
        return "reviewflow-" + TableKeys.Sha256Hex(idempotencyKey)[..40];
    }

    /// <summary>The agenda text as HTML: every character encoded, blank lines between paragraphs, line breaks kept.</summary>
    public static string HtmlBody(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var html = new StringBuilder("<html><body>");
        var paragraphs = text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (string paragraph in paragraphs)
        {
            html.Append("<p>")
                .AppendJoin("<br>", paragraph.Split('\n').Select(WebUtility.HtmlEncode))
                .Append("</p>");
        }

        return html.Append("</body></html>").ToString();
    }
}
