using System.Net;
using System.Text.RegularExpressions;

namespace ReviewFlow.Integrations.Calendar.Graph;

/// <summary>
/// Settings of the Microsoft Graph calendar (configuration section <c>Graph</c>; as environment variables
/// <c>Graph__TenantId</c>, <c>Graph__ClientId</c>, …). The app signs in as itself (application permissions), with
/// exactly one credential: <see cref="ClientSecret"/>, <see cref="CertificatePath"/> or
/// <see cref="UseManagedIdentity"/>; or, against a Graph stub on this machine only, a fixed
/// <see cref="DevelopmentAccessToken"/>. See <c>docs/graph-calendar.md</c>.
/// </summary>
public sealed partial class GraphCalendarOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Graph";

    /// <summary>The Graph v1.0 endpoint of the global cloud.</summary>
    public const string DefaultBaseUrl = "https://graph.microsoft.com/v1.0";

    /// <summary>Outlook serves at most this many concurrent requests per mailbox and app; more are throttled.</summary>
    public const int OutlookConcurrencyLimit = 4;

    /// <summary>The Entra tenant (directory) id, or its domain name (<c>contoso.onmicrosoft.com</c>).</summary>
    public string? TenantId { get; set; }

    /// <summary>The application (client) id of the app registration.</summary>
    public string? ClientId { get; set; }

    /// <summary>A client secret of the app registration. Never logged and never part of an error message.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Path of the certificate (PFX, or PEM with its private key) registered on the app.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Password of the PFX at <see cref="CertificatePath"/>, if it has one. Never logged.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Sign in as the Azure managed identity of the host instead of an app registration's secret or certificate.</summary>
    public bool UseManagedIdentity { get; set; }

    /// <summary>Client id of a user-assigned managed identity; empty for the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>
    /// A fixed bearer token sent instead of signing in to Entra ID, for a Graph stub on this machine (tests,
    /// <c>simulate</c>, a local <c>serve</c>). Accepted only with a <see cref="BaseUrl"/> on a loopback host and no
    /// real credential, so a production configuration can never send it to Microsoft Graph. Never logged and never
    /// part of an error message.
    /// </summary>
    public string? DevelopmentAccessToken { get; set; }

    /// <summary>
    /// The Graph endpoint, version included: <see cref="DefaultBaseUrl"/>, a national cloud's, or a local stub in tests.
    /// Must be https, except for a loopback host.
    /// </summary>
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>Make each meeting a Teams meeting (<c>isOnlineMeeting</c> with the Teams provider).</summary>
    public bool CreateOnlineMeeting { get; set; }

    /// <summary>In-flight requests allowed per mailbox, 1 to <see cref="OutlookConcurrencyLimit"/>.</summary>
    public int MaxConcurrentRequestsPerMailbox { get; set; } = OutlookConcurrencyLimit;

    /// <summary>Retries after the first request when Graph answers 429, 503 or 504 (or cannot be reached); 0 to 10.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First retry delay when Graph gives no <c>Retry-After</c>; each further one doubles, with jitter. Tests shorten it.</summary>
    internal TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait for one answer from Graph.</summary>
    internal TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The credential the options select.</summary>
    internal GraphCredentialKind CredentialKind =>
        UsesDevelopmentToken ? GraphCredentialKind.DevelopmentToken
        : UseManagedIdentity ? GraphCredentialKind.ManagedIdentity
        : !string.IsNullOrEmpty(CertificatePath) ? GraphCredentialKind.Certificate
        : GraphCredentialKind.ClientSecret;

    /// <summary>True when <see cref="DevelopmentAccessToken"/> is set: the app signs in to a loopback stub, not to Entra ID.</summary>
    public bool UsesDevelopmentToken => !string.IsNullOrWhiteSpace(DevelopmentAccessToken);

    /// <summary>
    /// Throws <see cref="InvalidOperationException"/> naming every missing or invalid setting (never a secret's value).
    /// </summary>
    /// <param name="requireCredential">
    /// False when the caller supplies its own credential: then only the endpoint and limits are checked.
    /// </param>
    public void Validate(bool requireCredential = true)
    {
        var problems = new List<string>();
        if (UsesDevelopmentToken)
        {
            // Checked even when the caller brings its own credential: the token must never be configured off loopback.
            ValidateDevelopmentToken(problems);
        }
        else if (requireCredential)
        {
            ValidateCredential(problems);
        }

        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var baseUri)
            || !(baseUri.Scheme == Uri.UriSchemeHttps || (baseUri.Scheme == Uri.UriSchemeHttp && baseUri.IsLoopback)))
        {
            problems.Add("BaseUrl must be an absolute https URL (plain http only for a loopback host), e.g. " + DefaultBaseUrl + ".");
        }

        if (MaxConcurrentRequestsPerMailbox is < 1 or > OutlookConcurrencyLimit)
        {
            problems.Add($"MaxConcurrentRequestsPerMailbox must be between 1 and {OutlookConcurrencyLimit} (Outlook's limit per mailbox).");
        }

        if (MaxRetries is < 0 or > 10)
        {
            problems.Add("MaxRetries must be between 0 and 10.");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"Invalid {SectionName} options: {string.Join(" ", problems)}");
        }
    }

    /// <summary>Whether <paramref name="host"/> is one the stub may listen on: 127.0.0.1, ::1 or localhost.</summary>
    internal static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && (address.Equals(IPAddress.Loopback) || address.Equals(IPAddress.IPv6Loopback)));

    // The token is a password for a stub: only its presence is ever talked about, never its value.
    private void ValidateDevelopmentToken(List<string> problems)
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var baseUri)
            || !(baseUri.Scheme == Uri.UriSchemeHttp || baseUri.Scheme == Uri.UriSchemeHttps)
            || !IsLoopbackHost(baseUri.Host))
        {
            problems.Add(
                "DevelopmentAccessToken is only accepted with a BaseUrl on a loopback host (http://127.0.0.1:{port}/v1.0, [::1] or localhost): "
                + "it is a fixed token for a local Graph stub and must never be sent to Microsoft Graph.");
        }

        if (!string.IsNullOrEmpty(ClientSecret) || !string.IsNullOrEmpty(CertificatePath) || UseManagedIdentity
            || !string.IsNullOrEmpty(CertificatePassword) || !string.IsNullOrWhiteSpace(ManagedIdentityClientId))
        {
            problems.Add(
                "DevelopmentAccessToken cannot be combined with a real credential (ClientSecret, CertificatePath, CertificatePassword, "
                + "UseManagedIdentity or ManagedIdentityClientId): remove one or the other.");
        }
    }

    private void ValidateCredential(List<string> problems)
    {
        bool secret = !string.IsNullOrEmpty(ClientSecret);
        bool certificate = !string.IsNullOrEmpty(CertificatePath);
        int chosen = (secret ? 1 : 0) + (certificate ? 1 : 0) + (UseManagedIdentity ? 1 : 0);
        if (chosen != 1)
        {
            problems.Add(chosen == 0
                ? "Set one credential: ClientSecret, CertificatePath or UseManagedIdentity."
                : "Set only one credential: ClientSecret, CertificatePath and UseManagedIdentity exclude each other.");
        }

        if (!UseManagedIdentity)
        {
            // A managed identity needs neither: its tenant and identity come from the host.
            if (string.IsNullOrWhiteSpace(TenantId) || !TenantPattern().IsMatch(TenantId))
            {
                problems.Add("TenantId must be the directory (tenant) id or its domain name.");
            }

            if (string.IsNullOrWhiteSpace(ClientId) || !Guid.TryParse(ClientId, out _))
            {
                problems.Add("ClientId must be the application (client) id, a GUID.");
            }
        }

        if (certificate && !File.Exists(CertificatePath))
        {
            problems.Add("CertificatePath does not name an existing file.");
        }

        if (!string.IsNullOrEmpty(CertificatePassword) && !certificate)
        {
            problems.Add("CertificatePassword is set without CertificatePath.");
        }

        if (!string.IsNullOrWhiteSpace(ManagedIdentityClientId) && !UseManagedIdentity)
        {
            problems.Add("ManagedIdentityClientId is set without UseManagedIdentity.");
        }

        if (!string.IsNullOrWhiteSpace(ManagedIdentityClientId) && !Guid.TryParse(ManagedIdentityClientId, out _))
        {
            problems.Add("ManagedIdentityClientId must be the client id (a GUID) of the user-assigned identity.");
        }
    }

    // A GUID or a DNS domain name; nothing that could smuggle a path into the authority URL.
    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,250}[A-Za-z0-9])?$")]
    private static partial Regex TenantPattern();
}
