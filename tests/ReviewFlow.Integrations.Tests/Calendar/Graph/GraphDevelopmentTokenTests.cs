using Azure.Core;

using Microsoft.Extensions.DependencyInjection;

using ReviewFlow.Integrations.Calendar;
using ReviewFlow.Integrations.Calendar.Graph;
using ReviewFlow.Integrations.Tests.Support;

using Xunit;

namespace ReviewFlow.Integrations.Tests.Calendar.Graph;

/// <summary>
/// <see cref="GraphCalendarOptions.DevelopmentAccessToken"/>: a fixed token for a Graph stub, accepted on a loopback
/// host only and never beside a real credential, never echoed.
/// </summary>
public sealed class GraphDevelopmentTokenTests
{
    private const string Token = "dev-token-V4lue_that-must-never-be-printed";
    private const string Tenant = "8c1f2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    private const string Client = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

    private static readonly TokenRequestContext GraphScope = new(["https://graph.microsoft.com/.default"]);

    [Theory]
    [InlineData(GraphCalendarOptions.DefaultBaseUrl)]
    [InlineData("https://graph.microsoft.us/v1.0")]
    [InlineData("http://graph.example.com/v1.0")]
    [InlineData("http://10.1.2.3:5123/v1.0")]
    [InlineData("http://localhost.example.com:5123/v1.0")]
    [InlineData("ftp://127.0.0.1:5123/v1.0")]
    public void Validate_DevelopmentTokenOffLoopback_IsRefusedNamingTheSettingNotTheToken(string baseUrl)
    {
        var options = new GraphCalendarOptions { DevelopmentAccessToken = Token, BaseUrl = baseUrl };

        var error = Assert.Throws<InvalidOperationException>(() => options.Validate());

        Assert.Contains("DevelopmentAccessToken is only accepted with a BaseUrl on a loopback host", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DevelopmentTokenAtGraphWhenTheCallerBringsACredential_IsStillRefused()
    {
        var options = new GraphCalendarOptions { DevelopmentAccessToken = Token };

        var error = Assert.Throws<InvalidOperationException>(() => options.Validate(requireCredential: false));

        Assert.Contains("DevelopmentAccessToken", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("secret")]
    [InlineData("certificate")]
    [InlineData("managedIdentity")]
    public void Validate_DevelopmentTokenWithARealCredential_IsRefusedEvenOnLoopback(string credential)
    {
        var options = new GraphCalendarOptions { DevelopmentAccessToken = Token, BaseUrl = "http://127.0.0.1:5123/v1.0", TenantId = Tenant, ClientId = Client };
        switch (credential)
        {
            case "secret":
                options.ClientSecret = "a-real-looking-secret";
                break;
            case "certificate":
                options.CertificatePath = "/etc/reviewflow/graph.pfx";
                break;
            default:
                options.UseManagedIdentity = true;
                break;
        }

        var error = Assert.Throws<InvalidOperationException>(() => options.Validate());

        Assert.Contains("DevelopmentAccessToken cannot be combined with a real credential", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("loopback host", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("a-real-looking-secret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5123/v1.0")]
    [InlineData("http://[::1]:5123/v1.0")]
    [InlineData("http://localhost:5123/v1.0")]
    [InlineData("https://localhost:5443/v1.0")]
    public void Validate_DevelopmentTokenOnLoopback_IsAcceptedWithoutTenantClientOrSecret(string baseUrl)
    {
        var options = new GraphCalendarOptions { DevelopmentAccessToken = Token, BaseUrl = baseUrl };

        options.Validate();

        Assert.True(options.UsesDevelopmentToken);
        Assert.Equal(GraphCredentialKind.DevelopmentToken, options.CredentialKind);
    }

    [Fact]
    public async Task Create_DevelopmentToken_GivesACredentialThatHandsOutTheTokenAndNeverPrintsIt()
    {
        var credential = GraphCredentialFactory.Create(new GraphCalendarOptions { DevelopmentAccessToken = Token, BaseUrl = "http://127.0.0.1:5123/v1.0" });

        Assert.IsType<GraphDevelopmentTokenCredential>(credential);
        Assert.Equal(Token, credential.GetToken(GraphScope, CancellationToken.None).Token);
        Assert.Equal(Token, (await credential.GetTokenAsync(GraphScope, CancellationToken.None)).Token);
        Assert.DoesNotContain(Token, credential.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_DevelopmentTokenAtGraph_ThrowsWithoutTheToken()
    {
        var error = Assert.Throws<InvalidOperationException>(() => GraphCredentialFactory.Create(new GraphCalendarOptions { DevelopmentAccessToken = Token }));

        Assert.Contains("DevelopmentAccessToken", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddReviewFlowGraphCalendar_DevelopmentTokenAtAStub_SendsItAsTheBearerToken()
    {
        await using var stub = GraphStub.Start();
        var services = new ServiceCollection();
        services.AddReviewFlowGraphCalendar(o =>
        {
            o.BaseUrl = stub.BaseUrl;
            o.DevelopmentAccessToken = GraphStub.Token;
        });
        await using var provider = services.BuildServiceProvider();

        var schedules = await provider.GetRequiredService<ICalendar>().GetSchedulesAsync(
            ["mark@example.test", "priya@example.test"], new DateTime(2027, 1, 5, 0, 0, 0, DateTimeKind.Utc), new DateTime(2027, 1, 6, 0, 0, 0, DateTimeKind.Utc), CancellationToken.None);

        Assert.Equal(2, schedules.Count);
        Assert.Empty(stub.Problems);
        Assert.Equal("Bearer " + GraphStub.Token, Assert.Single(stub.Requests).Header("Authorization"));
    }
}
