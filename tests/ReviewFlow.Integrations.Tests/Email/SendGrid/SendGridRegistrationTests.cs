using Azure.Data.Tables;

using Microsoft.Extensions.DependencyInjection;

using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Email.SendGrid;
using ReviewFlow.Testing;

using Xunit;

namespace ReviewFlow.Integrations.Tests.Email.SendGrid;

public sealed class SendGridRegistrationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task AddReviewFlowSendGrid_ValidOptions_RegistersOneSenderAsBothTypesAndReusesTheRenderer()
    {
        var renderer = new TemplateRenderer();
        var services = new ServiceCollection().AddLogging().AddSingleton(renderer);
        string table = "sl" + TaskHubNames.New();

        services.AddReviewFlowSendGrid(new TableServiceClient(azurite.ConnectionString), options =>
        {
            options.ApiKey = SendGridHarness.ApiKey;
            options.From = SendGridHarness.From;
            options.SentLogTableName = table;
        });
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        var sender = provider.GetRequiredService<SendGridEmailSender>();
        await sender.EnsureCreatedAsync();
        await sender.EnsureCreatedAsync();

        Assert.Same(sender, provider.GetRequiredService<IEmailSender>());
        Assert.Same(renderer, provider.GetRequiredService<TemplateRenderer>());
        var tables = new TableServiceClient(azurite.ConnectionString).QueryAsync(t => t.Name == table);
        Assert.Equal(1, await tables.CountAsync());
    }

    [Fact]
    public void AddReviewFlowSendGrid_InvalidOptions_FailsAtRegistrationWithoutTheKey()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<InvalidOperationException>(() => services.AddReviewFlowSendGrid(
            new TableServiceClient(azurite.ConnectionString),
            options =>
            {
                options.ApiKey = SendGridHarness.ApiKey;
                options.Mode = SendGridMode.DynamicTemplate;
            }));

        Assert.Contains("From is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing: define-request", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SendGridHarness.ApiKey, error.Message, StringComparison.Ordinal);
        Assert.Empty(services);
    }
}
