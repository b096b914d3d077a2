using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

using Azure.Identity;

using Microsoft.Extensions.DependencyInjection;

using ReviewFlow.Integrations.Calendar;
using ReviewFlow.Integrations.Calendar.Graph;
using ReviewFlow.Integrations.Tests.Support;

using Xunit;

namespace ReviewFlow.Integrations.Tests.Calendar.Graph;

/// <summary>Validation of <see cref="GraphCalendarOptions"/>, the credential they select, and the registration.</summary>
public sealed class GraphCalendarOptionsTests : IDisposable
{
    private const string Tenant = "8c1f2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    private const string Client = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    private const string Secret = "Qx8~s3cr3t.V4lue_never-printed";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Validate_NothingSet_NamesTheCredentialTenantAndClient()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new GraphCalendarOptions().Validate());

        Assert.Contains("Set one credential: ClientSecret, CertificatePath or UseManagedIdentity", error.Message, StringComparison.Ordinal);
        Assert.Contains("TenantId", error.Message, StringComparison.Ordinal);
        Assert.Contains("ClientId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EveryLimitAndTheEndpointWrong_NamesEachOneAndNeverTheSecret()
    {
        var options = SecretOptions();
        options.TenantId = "not a tenant/../x";
        options.BaseUrl = "http://graph.example.com/v1.0";
        options.MaxConcurrentRequestsPerMailbox = 5;
        options.MaxRetries = 11;

        var error = Assert.Throws<InvalidOperationException>(() => options.Validate());

        Assert.Contains("TenantId", error.Message, StringComparison.Ordinal);
        Assert.Contains("BaseUrl", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxConcurrentRequestsPerMailbox", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxRetries", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TwoCredentials_AreRefused()
    {
        var options = SecretOptions();
        options.UseManagedIdentity = true;

        var error = Assert.Throws<InvalidOperationException>(() => options.Validate());

        Assert.Contains("Set only one credential", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_StrayCredentialSettings_AreNamed()
    {
        var options = SecretOptions();
        options.CertificatePassword = "pfx-password";
        options.ManagedIdentityClientId = "not-a-guid";

        var error = Assert.Throws<InvalidOperationException>(() => options.Validate());

        Assert.Contains("CertificatePassword is set without CertificatePath", error.Message, StringComparison.Ordinal);
        Assert.Contains("ManagedIdentityClientId is set without UseManagedIdentity", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pfx-password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingCertificateFile_IsNamed()
    {
        var options = new GraphCalendarOptions { TenantId = Tenant, ClientId = Client, CertificatePath = Path.Combine(_directory.Path, "missing.pfx") };

        var error = Assert.Throws<InvalidOperationException>(() => options.Validate());

        Assert.Contains("CertificatePath does not name an existing file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ManagedIdentity_NeedsNeitherTenantNorClient()
    {
        var options = new GraphCalendarOptions { UseManagedIdentity = true, ManagedIdentityClientId = Client };

        options.Validate();
        Assert.Equal(GraphCredentialKind.ManagedIdentity, options.CredentialKind);
    }

    [Fact]
    public void Validate_CallerSuppliesTheCredential_OnlyEndpointAndLimitsCount()
    {
        var options = new GraphCalendarOptions { BaseUrl = "http://127.0.0.1:5123/v1.0" };

        options.Validate(requireCredential: false);
        Assert.Throws<InvalidOperationException>(() => options.Validate());
    }

    [Fact]
    public void Create_ClientSecret_GivesAClientSecretCredential() =>
        Assert.IsType<ClientSecretCredential>(GraphCredentialFactory.Create(SecretOptions()));

    [Fact]
    public void Create_CertificateWithPassword_GivesAClientCertificateCredential()
    {
        string path = WritePfx("pfx-password");

        var credential = GraphCredentialFactory.Create(new GraphCalendarOptions
        {
            TenantId = Tenant, ClientId = Client, CertificatePath = path, CertificatePassword = "pfx-password",
        });

        Assert.IsType<ClientCertificateCredential>(credential);
    }

    [Fact]
    public void Create_CertificateWithoutPassword_GivesAClientCertificateCredential()
    {
        string path = WritePfx(password: null);

        Assert.IsType<ClientCertificateCredential>(GraphCredentialFactory.Create(new GraphCalendarOptions
        {
            TenantId = Tenant, ClientId = Client, CertificatePath = path,
        }));
    }

    [Fact]
    public void Create_CertificateWithWrongPassword_FailsNamingTheSettingNotThePassword()
    {
        string path = WritePfx("right-password");

        var error = Assert.Throws<InvalidOperationException>(() => GraphCredentialFactory.Create(new GraphCalendarOptions
        {
            TenantId = Tenant, ClientId = Client, CertificatePath = path, CertificatePassword = "wrong-password",
        }));

        Assert.Contains("CertificatePassword", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Client)]
    public void Create_ManagedIdentity_GivesAManagedIdentityCredential(string? userAssignedClientId) =>
        Assert.IsType<ManagedIdentityCredential>(GraphCredentialFactory.Create(new GraphCalendarOptions
        {
            UseManagedIdentity = true, ManagedIdentityClientId = userAssignedClientId,
        }));

    [Fact]
    public async Task AddReviewFlowGraphCalendar_StubCredential_RegistersGraphCalendarAsTheCalendar()
    {
        await using var stub = GraphStub.Start();
        var services = new ServiceCollection();
        services.AddReviewFlowGraphCalendar(stub.Credential, o => o.BaseUrl = stub.BaseUrl);
        await using var provider = services.BuildServiceProvider();

        var calendar = provider.GetRequiredService<ICalendar>();
        var schedules = await calendar.GetSchedulesAsync(["mark@example.test"], new DateTime(2027, 1, 5, 0, 0, 0, DateTimeKind.Utc), new DateTime(2027, 1, 6, 0, 0, 0, DateTimeKind.Utc), CancellationToken.None);

        Assert.Same(provider.GetRequiredService<GraphCalendar>(), calendar);
        Assert.Single(schedules);
        Assert.Single(stub.Requests);
        Assert.Empty(stub.Problems);
    }

    [Fact]
    public void AddReviewFlowGraphCalendar_InvalidOptions_ThrowsAtRegistration()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<InvalidOperationException>(() => services.AddReviewFlowGraphCalendar(o => o.ClientSecret = Secret));

        Assert.Contains("TenantId", error.Message, StringComparison.Ordinal);
        Assert.Empty(services);
    }

    [Fact]
    public async Task AddReviewFlowGraphCalendar_ClientSecret_ResolvesWithoutCallingAnything()
    {
        var services = new ServiceCollection();
        services.AddReviewFlowGraphCalendar(o =>
        {
            o.TenantId = Tenant;
            o.ClientId = Client;
            o.ClientSecret = Secret;
        });
        await using var provider = services.BuildServiceProvider();

        Assert.IsType<GraphCalendar>(provider.GetRequiredService<ICalendar>());
        Assert.Equal(GraphCalendarOptions.DefaultBaseUrl, provider.GetRequiredService<GraphCalendarOptions>().BaseUrl);
    }

    private static GraphCalendarOptions SecretOptions() => new() { TenantId = Tenant, ClientId = Client, ClientSecret = Secret };

    // A self-signed certificate with its key, as the PFX an admin would upload the public part of.
    private string WritePfx(string? password)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=ReviewFlow Graph test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2036, 1, 1, 0, 0, 0, TimeSpan.Zero));
        string path = Path.Combine(_directory.Path, Guid.NewGuid().ToString("N") + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }
}
