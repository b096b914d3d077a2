namespace ReviewFlow.Integrations.Calendar.Graph;

/// <summary>How the app proves its identity to Entra ID.</summary>
internal enum GraphCredentialKind
{
    /// <summary>A client secret of the app registration.</summary>
    ClientSecret,

    /// <summary>A certificate registered on the app registration.</summary>
    Certificate,

    /// <summary>The host's managed identity (system- or user-assigned).</summary>
    ManagedIdentity,

    /// <summary>A fixed token for a Graph stub on a loopback host; no Entra ID involved.</summary>
    DevelopmentToken,
}
