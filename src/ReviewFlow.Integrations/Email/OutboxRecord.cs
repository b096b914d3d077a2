namespace ReviewFlow.Integrations.Email;

/// <summary>One email the dev outbox wrote, from its index.</summary>
/// <param name="At">When it was sent (the injected clock), UTC.</param>
/// <param name="To">Recipient email.</param>
/// <param name="Cc">Copied emails.</param>
/// <param name="Template">Template name.</param>
/// <param name="Subject">Rendered subject.</param>
/// <param name="File">Full path of the <c>.eml</c> file.</param>
/// <param name="InstanceId">The instance waiting for an answer, when the email asks for one.</param>
/// <param name="EventName">The event the answer raises, when the email asks for one.</param>
public sealed record OutboxRecord(
    DateTime At,
    string To,
    IReadOnlyList<string> Cc,
    string Template,
    string Subject,
    string File,
    string? InstanceId,
    string? EventName);
