namespace ReviewFlow.DevStorage;

/// <summary>
/// Azurite could not be found, installed or started. The message carries what is needed to fix it,
/// including the tail of Azurite's or npm's output when there is one.
/// </summary>
public sealed class AzuriteStartupException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public AzuriteStartupException()
        : base("Azurite could not be started.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AzuriteStartupException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that caused it.</summary>
    public AzuriteStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
