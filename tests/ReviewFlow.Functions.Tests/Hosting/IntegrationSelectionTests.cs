using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReviewFlow.Functions.Hosting;
using ReviewFlow.Functions.Tests.EndToEnd.Support;
using ReviewFlow.Integrations.Calendar;
using ReviewFlow.Integrations.Calendar.Graph;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Email.SendGrid;
using Xunit;

namespace ReviewFlow.Functions.Tests.Hosting;

public sealed class IntegrationSelectionTests
{
    // A development token for a loopback Graph stub: what points serve at a stub the way simulate is.
    private const string Token = "dev-graph-token-for-serve-81b2";

    private static readonly TableServiceClient Tables = new("UseDevelopmentStorage=true");

    private static (ServiceProvider Services, IntegrationChoice Choice) Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        var choice = services.AddReviewFlowIntegrations(configuration, Tables, new ServiceOptions { TaskHub = "sel" });
        return (services.BuildServiceProvider(), choice);
    }

    [Fact]
    public void AddReviewFlowIntegrations_NoCredentials_UsesTheDevAdapters()
    {
        var (services, choice) = Build([]);
        using var _ = services;

        Assert.IsType<DevOutbox>(services.GetRequiredService<IEmailSender>());
        Assert.IsType<DevCalendar>(services.GetRequiredService<ICalendar>());
        Assert.StartsWith("dev outbox", choice.Email, StringComparison.Ordinal);
        Assert.Equal("dev calendar", choice.Calendar);
    }

    [Fact]
    public void AddReviewFlowIntegrations_SendGridKeyAndGraphApp_UsesTheRealServices()
    {
        var (services, choice) = Build(new()
        {
            ["SendGrid:ApiKey"] = "SG.test-key-for-selection-only",
            ["SendGrid:From:Email"] = "reviews@contoso.test",
            ["SendGrid:From:Name"] = "ReviewFlow",
            ["Graph:TenantId"] = "00000000-0000-0000-0000-000000000001",
            ["Graph:ClientId"] = "00000000-0000-0000-0000-000000000002",
            ["Graph:ClientSecret"] = "not-a-real-secret",
        });
        using var _ = services;

        Assert.IsType<SendGridEmailSender>(services.GetRequiredService<IEmailSender>());
        Assert.IsType<GraphCalendar>(services.GetRequiredService<ICalendar>());
        Assert.Equal(("SendGrid", "Microsoft Graph", true), (choice.Email, choice.Calendar, choice.UsesSendGrid));
    }

    [Fact]
    public void AddReviewFlowIntegrations_GraphWithoutACredential_FailsAtStartupNamingTheSettings()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new()
        {
            ["Graph:TenantId"] = "00000000-0000-0000-0000-000000000001",
            ["Graph:ClientId"] = "00000000-0000-0000-0000-000000000002",
        }));

        Assert.Contains("Graph", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddReviewFlowIntegrations_SendGridKeyWithoutSender_FailsAtStartupWithoutEchoingTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new() { ["SendGrid:ApiKey"] = "SG.secret-value-123" }));

        Assert.Contains("From", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SG.secret-value-123", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddReviewFlowIntegrations_DevelopmentTokenAtALoopbackStub_BooksThroughGraphAndSaysItIsAStub()
    {
        await using var stub = GraphCalendarStub.Start(Token);
        var (services, choice) = Build(new()
        {
            ["Graph:DevelopmentAccessToken"] = Token,
            ["Graph:BaseUrl"] = stub.BaseUrl,
        });
        await using var _ = services;

        var schedules = await services.GetRequiredService<ICalendar>().GetSchedulesAsync(
            ["mark@example.test", "lee@example.test"], new DateTime(2027, 1, 5, 0, 0, 0, DateTimeKind.Utc), new DateTime(2027, 1, 6, 0, 0, 0, DateTimeKind.Utc), CancellationToken.None);

        Assert.IsType<GraphCalendar>(services.GetRequiredService<ICalendar>());
        Assert.Equal($"Microsoft Graph (development token, loopback stub at {stub.BaseUrl})", choice.Calendar);
        Assert.DoesNotContain(Token, choice.Calendar, StringComparison.Ordinal);
        Assert.Equal(2, schedules.Count);
        Assert.True(Assert.Single(stub.Requests).Authorized);
        Assert.Empty(stub.Problems);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("https://graph.microsoft.com/v1.0")]
    [InlineData("http://graph.internal.example:8080/v1.0")]
    public void AddReviewFlowIntegrations_DevelopmentTokenOffLoopback_FailsAtStartupWithoutEchoingIt(string? baseUrl)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new()
        {
            ["Graph:DevelopmentAccessToken"] = Token,
            ["Graph:BaseUrl"] = baseUrl,
        }));

        Assert.Contains("DevelopmentAccessToken", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AddReviewFlowIntegrations_DevelopmentTokenBesideAClientSecret_FailsAtStartup()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new()
        {
            ["Graph:TenantId"] = "00000000-0000-0000-0000-000000000001",
            ["Graph:ClientId"] = "00000000-0000-0000-0000-000000000002",
            ["Graph:ClientSecret"] = "not-a-real-secret",
            ["Graph:DevelopmentAccessToken"] = Token,
            ["Graph:BaseUrl"] = "http://127.0.0.1:5123/v1.0",
        }));

        Assert.Contains("cannot be combined with a real credential", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-real-secret", error.Message, StringComparison.Ordinal);
    }
}
