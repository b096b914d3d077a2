using System.Text.Json.Nodes;

namespace ReviewFlow.Integrations.Email;

/// <summary>A mailbox and the name shown with it.</summary>
public sealed record EmailAddress(string Email, string Name);

/// <summary>
/// The action an email asks its recipient for: which instance waits for which event from whom. Links in
/// the email are built from it (signed in the web issue); the simulation answers it.
/// </summary>
/// <param name="InstanceId">The orchestration waiting.</param>
/// <param name="EventName">The external event the answer raises.</param>
/// <param name="PersonId">Who may answer.</param>
/// <param name="Weeks">For a check-in: the quarter weeks asked about.</param>
/// <param name="NotBefore">The answer makes sense only after this instant (e.g. notes after the coaching meeting).</param>
public sealed record AwaitedAction(string InstanceId, string EventName, string PersonId, IReadOnlyList<int>? Weeks = null, DateTime? NotBefore = null);

/// <summary>A templated email to send.</summary>
/// <param name="Template">Template name, e.g. "agreement-proposal" (see <see cref="EmailTemplates"/>).</param>
/// <param name="To">Recipient.</param>
/// <param name="Cc">Copied recipients.</param>
/// <param name="Model">Template data (the SendGrid dynamic template data).</param>
/// <param name="Action">What the email asks for, if anything.</param>
public sealed record EmailMessage(string Template, EmailAddress To, IReadOnlyList<EmailAddress> Cc, JsonObject Model, AwaitedAction? Action = null);

/// <summary>The result of sending.</summary>
/// <param name="MessageId">Id of the sent message.</param>
/// <param name="Subject">The rendered subject.</param>
/// <param name="AlreadySent">True when this idempotency key was sent before and nothing new went out.</param>
public sealed record SentEmail(string MessageId, string Subject, bool AlreadySent);

/// <summary>Sends templated email exactly once per idempotency key.</summary>
public interface IEmailSender
{
    /// <summary>Renders and sends <paramref name="message"/>; a repeated <paramref name="idempotencyKey"/> sends nothing new.</summary>
    Task<SentEmail> SendAsync(EmailMessage message, string idempotencyKey, CancellationToken cancellationToken);
}
