using MimeKit;

using ReviewFlow.Integrations.Storage;

namespace ReviewFlow.Integrations.Email;

/// <summary>Builds the RFC 5322 message the dev outbox writes.</summary>
internal static class EmlBuilder
{
    /// <summary>Header carrying the idempotency key, so a file can be traced back to the activity that sent it.</summary>
    public const string IdempotencyKeyHeader = "X-ReviewFlow-Idempotency-Key";

    /// <summary>Header naming the instance that waits for the answer.</summary>
    public const string InstanceHeader = "X-ReviewFlow-Instance";

    /// <summary>Header naming the event the answer raises.</summary>
    public const string EventHeader = "X-ReviewFlow-Event";

    /// <summary>The Message-Id for <paramref name="idempotencyKey"/>: the same key always gives the same id.</summary>
    public static string MessageId(string idempotencyKey, EmailAddress from)
    {
        int at = from.Email.LastIndexOf('@');
        string domain = at >= 0 && at < from.Email.Length - 1 ? from.Email[(at + 1)..] : "reviewflow.local";
        return $"{TableKeys.Sha256Hex(idempotencyKey)[..32]}@{domain}";
    }

    public static MimeMessage Build(
        EmailMessage message, RenderedEmail rendered, EmailAddress from, DateTimeOffset date, string messageId, string idempotencyKey)
    {
        var mime = new MimeMessage
        {
            Subject = rendered.Subject,
            Date = date,
            MessageId = messageId,
        };
        mime.From.Add(new MailboxAddress(from.Name, from.Email));
        mime.To.Add(new MailboxAddress(message.To.Name, message.To.Email));
        foreach (var cc in message.Cc)
        {
            mime.Cc.Add(new MailboxAddress(cc.Name, cc.Email));
        }

        mime.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        if (message.Action is { } action)
        {
            mime.Headers.Add(InstanceHeader, action.InstanceId);
            mime.Headers.Add(EventHeader, action.EventName);
        }

        // BodyBuilder with both bodies yields multipart/alternative, text first, as mail clients expect.
        mime.Body = new BodyBuilder { TextBody = rendered.Text, HtmlBody = rendered.Html }.ToMessageBody();
        return mime;
    }
}
