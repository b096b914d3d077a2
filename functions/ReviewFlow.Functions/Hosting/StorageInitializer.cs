using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewFlow.Durable;
using ReviewFlow.Integrations;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Email.SendGrid;
using ReviewFlow.Integrations.Links;

namespace ReviewFlow.Functions.Hosting;

/// <summary>Creates the task hub and the adapters' tables at start-up (idempotent), and says which adapters run.</summary>
internal sealed partial class StorageInitializer(
    DurableTaskClient client,
    DevAdapterStores devStores,
    UsedLinks usedLinks,
    IntegrationChoice integrations,
    IServiceProvider services,
    ServiceOptions options,
    ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Built now, not at the first email: a broken template override stops the service at start.
        _ = services.GetRequiredService<TemplateRenderer>();
        await client.CreateTaskHubAsync(cancellationToken);
        await devStores.EnsureCreatedAsync(cancellationToken);
        await usedLinks.EnsureCreatedAsync(cancellationToken);
        if (integrations.UsesSendGrid)
        {
            await services.GetRequiredService<SendGridEmailSender>().EnsureCreatedAsync(cancellationToken);
        }

        LogReady(logger, options.TaskHub, integrations.Email, integrations.Calendar);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage ready (task hub {TaskHub}). Email: {Email}. Calendar: {Calendar}.")]
    private static partial void LogReady(ILogger logger, string taskHub, string email, string calendar);
}
