namespace ReviewFlow.Integrations.Email.SendGrid;

/// <summary>
/// SendGrid refused the email with a 4xx answer other than 429 (bad request, invalid key, unverified sender, …).
/// Trying again unchanged cannot help, so it is not retried. Nothing was sent and the idempotency key is free again.
/// </summary>
public sealed class SendGridRejectedException : SendGridException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public SendGridRejectedException()
        : base("SendGrid rejected the email.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SendGridRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that caused it.</summary>
    public SendGridRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for SendGrid's answer.</summary>
    /// <param name="message">What happened, for people.</param>
    /// <param name="statusCode">SendGrid's HTTP status code.</param>
    /// <param name="errors">The errors SendGrid listed.</param>
    public SendGridRejectedException(string message, int statusCode, IReadOnlyList<SendGridError> errors)
        : base(message, statusCode, errors)
    {
    }
}
