using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReviewFlow.Functions.Hosting;
using ReviewFlow.Integrations.Calendar;
using ReviewFlow.Integrations.Calendar.Graph;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Email.SendGrid;
using Xunit;

namespace ReviewFlow.Functions.Tests.Hosting;

public sealed class IntegrationSelectionTests
{
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
}
