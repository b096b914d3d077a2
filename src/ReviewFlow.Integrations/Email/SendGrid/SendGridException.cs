namespace ReviewFlow.Integrations.Email.SendGrid;

/// <summary>
/// SendGrid did not accept an email. The concrete type says whether trying again later can help:
/// <see cref="SendGridUnavailableException"/> (yes) or <see cref="SendGridRejectedException"/> (no, something must
/// be fixed first). Messages carry SendGrid's own error texts and the status code, never the API key.
/// </summary>
public abstract class SendGridException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    protected SendGridException()
        : base("SendGrid did not accept the email.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    protected SendGridException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that caused it.</summary>
    protected SendGridException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an HTTP answer from SendGrid.</summary>
    /// <param name="message">What happened, for people.</param>
    /// <param name="statusCode">SendGrid's HTTP status code.</param>
    /// <param name="errors">The errors SendGrid listed in its answer.</param>
    /// <param name="innerException">The failure that caused it, if any.</param>
    protected SendGridException(string message, int? statusCode, IReadOnlyList<SendGridError> errors, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Errors = errors;
    }

    /// <summary>SendGrid's HTTP status code; null when no answer came.</summary>
    public int? StatusCode { get; }

    /// <summary>The errors SendGrid listed in its answer; empty when it gave none.</summary>
    public IReadOnlyList<SendGridError> Errors { get; } = [];
}
