using System.Globalization;

namespace ReviewFlow.Integrations.Email.SendGrid;

/// <summary>
/// Another attempt claimed this idempotency key moments ago and may be sending it right now. Nothing was sent by
/// this attempt. Retry later: by then the other attempt has either recorded the email as sent (the retry returns
/// it as already sent) or its claim has expired (the retry sends).
/// </summary>
public sealed class EmailSendInProgressException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public EmailSendInProgressException()
        : base("Another attempt is sending this email; retry later.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EmailSendInProgressException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that caused it.</summary>
    public EmailSendInProgressException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a claim that is still fresh.</summary>
    /// <param name="idempotencyKey">The key being sent.</param>
    /// <param name="claimedAt">When the other attempt claimed it.</param>
    /// <param name="retryAfter">When its claim expires at the latest.</param>
    public EmailSendInProgressException(string idempotencyKey, DateTimeOffset claimedAt, DateTimeOffset retryAfter)
        : base(string.Create(
            CultureInfo.InvariantCulture,
            $"Another attempt claimed email idempotency key '{idempotencyKey}' at {claimedAt:O} and may be sending it; retry later (its claim expires at {retryAfter:O})."))
    {
        IdempotencyKey = idempotencyKey;
        ClaimedAt = claimedAt;
        RetryAfter = retryAfter;
    }

    /// <summary>The key being sent; empty when not given.</summary>
    public string IdempotencyKey { get; } = "";

    /// <summary>When the other attempt claimed the key.</summary>
    public DateTimeOffset ClaimedAt { get; }

    /// <summary>When the other attempt's claim expires at the latest.</summary>
    public DateTimeOffset RetryAfter { get; }
}
