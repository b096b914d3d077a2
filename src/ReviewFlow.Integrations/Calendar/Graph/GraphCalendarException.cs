namespace ReviewFlow.Integrations.Calendar.Graph;

/// <summary>
/// Microsoft Graph refused or failed a calendar request: the message names the operation, the mailbox, the HTTP
/// status and Graph's own error code and message (never a token or secret).
/// </summary>
public sealed class GraphCalendarException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public GraphCalendarException()
        : base("A Microsoft Graph calendar request failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GraphCalendarException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that caused it.</summary>
    public GraphCalendarException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a refused request.</summary>
    /// <param name="operation">What was asked, e.g. "create an event".</param>
    /// <param name="mailbox">The mailbox the request was about.</param>
    /// <param name="statusCode">HTTP status Graph answered (0 when it gave none).</param>
    /// <param name="errorCode">Graph's <c>error.code</c> (or a schedule's <c>responseCode</c>), if any.</param>
    /// <param name="errorMessage">Graph's <c>error.message</c>, if any.</param>
    /// <param name="innerException">The SDK's exception.</param>
    public GraphCalendarException(string operation, string mailbox, int statusCode, string? errorCode, string? errorMessage, Exception? innerException)
        : base(Describe(operation, mailbox, statusCode, errorCode, errorMessage), innerException)
    {
        Operation = operation;
        Mailbox = mailbox;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
    }

    /// <summary>What was asked, e.g. "create an event"; empty when not given.</summary>
    public string Operation { get; } = "";

    /// <summary>The mailbox the request was about; empty when not given.</summary>
    public string Mailbox { get; } = "";

    /// <summary>HTTP status Graph answered; 0 when it gave none.</summary>
    public int StatusCode { get; }

    /// <summary>Graph's error code, e.g. <c>ErrorAccessDenied</c>.</summary>
    public string? ErrorCode { get; }

    /// <summary>Graph's error message.</summary>
    public string? ErrorMessage { get; }

    private static string Describe(string operation, string mailbox, int statusCode, string? errorCode, string? errorMessage)
    {
        string status = statusCode > 0 ? $" with HTTP {statusCode}" : "";
        string graph = (errorCode, errorMessage) switch
        {
            (null or "", null or "") => "no error details",
            (null or "", _) => errorMessage!,
            (_, null or "") => errorCode!,
            _ => $"{errorCode}: {errorMessage}",
        };

        // The usual causes, so whoever reads the log knows where to look (see docs/graph-calendar.md).
        string hint = statusCode switch
        {
            401 => " Check the Graph credential (tenant, client id, secret or certificate).",
            403 => " Check that Calendars.ReadWrite is granted with admin consent and that the mailbox is in the app's access scope.",
            404 => " Check that the mailbox exists in the tenant.",
            _ => "",
        };
        return $"Microsoft Graph failed to {operation} for {mailbox}{status} ({graph}).{hint}";
    }
}
