using System.Text.Json.Nodes;
using ReviewFlow.Durable;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Journal;
using ReviewFlow.Workflows.Diagnostics;
using ReviewFlow.Integrations.Links;

namespace ReviewFlow.Workflows.Shared;

/// <summary>An email to send, and the journal entries that go with it.</summary>
/// <param name="Message">The email.</param>
/// <param name="Stamp">Journal stamp.</param>
/// <param name="AlsoRecord">Entries to journal with it.</param>
/// <param name="Earlier">Entries the orchestrator noted earlier (with their own times), written first.</param>
public sealed record EmailCommand(EmailMessage Message, Stamp Stamp, IReadOnlyList<PendingEntry> AlsoRecord, IReadOnlyList<PendingEntry>? Earlier = null);

/// <summary>
/// Sends one templated email exactly once (the idempotency key goes to the sender, which keeps a sent-log)
/// and journals it as <c>EmailSent</c> with whatever the orchestrator asked to record alongside. The
/// orchestrator's link placeholders are signed here: a redelivery signs afresh, but only one email goes out.
/// </summary>
public sealed class SendEmail(IEmailSender sender, ICycleJournal journal, EmailLinkSigner links) : TaskActivity<EmailCommand, string>
{
    /// <inheritdoc/>
    public override Task<string> RunAsync(TaskActivityContext context, EmailCommand input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return DeliverAsync(sender, journal, links, context, input);
    }

    /// <summary>Sends the email once and journals it with the entries that go with it; returns its subject.</summary>
    internal static async Task<string> DeliverAsync(IEmailSender sender, ICycleJournal journal, EmailLinkSigner links, TaskActivityContext context, EmailCommand input)
    {
        var message = input.Message with { Model = links.Sign(input.Message.Model) };
        var sent = await sender.SendAsync(message, context.IdempotencyKey, context.CancellationToken);
        var emailSent = new PendingEntry("EmailSent", new JsonObject
        {
            ["to"] = input.Message.To.Email,
            ["cc"] = Texts.Strings(input.Message.Cc.Select(c => c.Email)),
            ["template"] = input.Message.Template,
            ["subject"] = sent.Subject,
        });
        var entries = (input.Earlier ?? []).Concat(input.AlsoRecord).Append(emailSent).ToEntries(context, input.Stamp);
        await journal.AppendCountedAsync(entries, context);
        return sent.Subject;
    }
}
