using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using Azure.Core;
using Azure.Identity;

namespace ReviewFlow.Integrations.Calendar.Graph;

/// <summary>Builds the credential that <see cref="GraphCalendarOptions"/> select (Azure.Identity's, or a loopback stub's fixed token).</summary>
public static class GraphCredentialFactory
{
    /// <summary>
    /// A <see cref="ClientSecretCredential"/>, a <see cref="ClientCertificateCredential"/> or a
    /// <see cref="ManagedIdentityCredential"/> (user-assigned when <see cref="GraphCalendarOptions.ManagedIdentityClientId"/>
    /// is set), or for a loopback stub the fixed <see cref="GraphCalendarOptions.DevelopmentAccessToken"/>, after
    /// validating the options. A password-protected PFX is opened here, so a wrong password fails
    /// at startup rather than at the first booking.
    /// </summary>
    /// <exception cref="InvalidOperationException">The options are invalid, or the certificate cannot be opened.</exception>
    public static TokenCredential Create(GraphCalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options.CredentialKind switch
        {
            GraphCredentialKind.DevelopmentToken => new GraphDevelopmentTokenCredential(options.DevelopmentAccessToken!),
            GraphCredentialKind.ManagedIdentity => string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId)),
            GraphCredentialKind.Certificate => string.IsNullOrEmpty(options.CertificatePassword)
                // Azure.Identity reads PFX and PEM files itself.
                ? new ClientCertificateCredential(options.TenantId, options.ClientId, options.CertificatePath)
                : new ClientCertificateCredential(options.TenantId, options.ClientId, LoadPfx(options.CertificatePath!, options.CertificatePassword)),
            _ => new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret),
        };
    }

    private static X509Certificate2 LoadPfx(string path, string password)
    {
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException e)
        {
            // The exception text never carries the password; the path is configuration, not a secret.
            throw new InvalidOperationException(
                $"Invalid {GraphCalendarOptions.SectionName} options: the certificate at CertificatePath cannot be opened with CertificatePassword.", e);
        }
    }
}
