using Azure;

namespace ReviewFlow.Integrations.Email.SendGrid;

/// <summary>Where a send of one idempotency key stands.</summary>
internal enum SentLogState
{
    /// <summary>An attempt claimed the key and is sending (or died while sending).</summary>
    Sending,

    /// <summary>SendGrid accepted the email.</summary>
    Sent,
}

/// <summary>One row of the <see cref="SentLog"/>.</summary>
/// <param name="IdempotencyKey">The activity's key, kept readable for support.</param>
/// <param name="State">Sending or sent.</param>
/// <param name="ClaimedAt">When the current claim was made (the injected clock).</param>
/// <param name="Template">Template name.</param>
/// <param name="Subject">The rendered subject, returned again for a repeated key.</param>
/// <param name="MessageId">SendGrid's <c>X-Message-Id</c>, once sent.</param>
/// <param name="ETag">The row version; every change is conditional on it.</param>
internal sealed record SentLogEntry(
    string IdempotencyKey,
    SentLogState State,
    DateTimeOffset ClaimedAt,
    string Template,
    string Subject,
    string? MessageId,
    ETag ETag);
