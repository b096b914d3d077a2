namespace ReviewFlow.Integrations.Email.SendGrid;

/// <summary>
/// SendGrid kept answering 429 or 5xx through every retry, could not be reached, or did not answer in time.
/// Worth trying again later (the workflow engine retries the activity). When SendGrid answered or could not be
/// reached, nothing was sent and the idempotency key is free again; when it did not answer in time, the outcome
/// is unknown and the key stays claimed until the claim's lease ends.
/// </summary>
public sealed class SendGridUnavailableException : SendGridException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public SendGridUnavailableException()
        : base("SendGrid is unavailable.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SendGridUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that caused it.</summary>
    public SendGridUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for SendGrid's last answer, or for no answer.</summary>
    /// <param name="message">What happened, for people.</param>
    /// <param name="statusCode">SendGrid's last HTTP status code; null when no answer came.</param>
    /// <param name="errors">The errors SendGrid listed.</param>
    /// <param name="innerException">The failure that caused it, if any.</param>
    public SendGridUnavailableException(string message, int? statusCode, IReadOnlyList<SendGridError> errors, Exception? innerException = null)
        : base(message, statusCode, errors, innerException)
    {
    }
}
