using global::SendGrid;
using global::SendGrid.Helpers.Mail;

using SendGridAddress = global::SendGrid.Helpers.Mail.EmailAddress;

namespace ReviewFlow.Integrations.Email.SendGrid;

/// <summary>Turns an <see cref="EmailMessage"/> into the SendGrid v3 mail-send request.</summary>
internal static class SendGridMailBuilder
{
    /// <summary>The category every ReviewFlow email carries, to filter them in SendGrid's statistics.</summary>
    public const string Category = "reviewflow";

    /// <summary>
    /// Builds the request: from, to, cc (without duplicates, which SendGrid refuses), the rendered subject and
    /// parts or the dynamic template and its data, custom args for finding the email again, and categories.
    /// </summary>
    public static SendGridMessage Build(EmailMessage message, RenderedEmail rendered, SendGridOptions options, string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(rendered);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);

        var mail = new SendGridMessage();
        mail.SetFrom(Address(options.From!));
        mail.AddTo(Address(message.To));
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { message.To.Email };
        foreach (var cc in message.Cc.Where(cc => seen.Add(cc.Email)))
        {
            mail.AddCc(Address(cc));
        }

        if (options.Mode == SendGridMode.DynamicTemplate)
        {
            // The dynamic template brings its own subject and parts; SendGrid renders them from the model.
            mail.SetTemplateId(options.TemplateIdFor(message.Template)
                ?? throw new InvalidOperationException($"No SendGrid dynamic template id is configured for '{message.Template}'."));
            mail.SetTemplateData(TemplateDataConverter.Convert(message.Model));
        }
        else
        {
            mail.SetGlobalSubject(rendered.Subject);
            // SendGrid requires text/plain before text/html.
            mail.AddContent(MimeType.Text, rendered.Text);
            mail.AddContent(MimeType.Html, rendered.Html);
        }

        // Custom args come back in the activity feed and event webhooks: the key finds the email after a crash.
        mail.AddGlobalCustomArg("idempotency_key", idempotencyKey);
        mail.AddGlobalCustomArg("template", message.Template);
        if (message.Action is { } action)
        {
            mail.AddGlobalCustomArg("instance_id", action.InstanceId);
        }

        mail.AddCategory(Category);
        mail.AddCategory(message.Template);

        // No open or click tracking: ReviewFlow does not watch whether people read their email (METHOD.md rule 1),
        // and rewritten links would hide the signed action links behind SendGrid's redirector.
        mail.SetOpenTracking(false);
        mail.SetClickTracking(false, false);
        return mail;
    }

    private static SendGridAddress Address(EmailAddress address) =>
        new(address.Email, string.IsNullOrWhiteSpace(address.Name) ? null : address.Name);
}
