using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReviewFlow.Durable;
using ReviewFlow.Durable.Worker;
using ReviewFlow.Functions.Web;
using ReviewFlow.Integrations.Links;
using ReviewFlow.Workflows;

namespace ReviewFlow.Functions.Hosting;

/// <summary>
/// The ReviewFlow service: the action pages, dashboard and API over HTTP, and the durable engine's worker as a
/// hosted service (standalone mode: its own queue pollers and timer sweep).
/// </summary>
public static class ReviewFlowWebApp
{
    /// <summary>Builds the application; the caller runs it (<c>RunAsync</c>) or starts and stops it (tests).</summary>
    public static WebApplication Build(ServiceStart start, string[]? args = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args ?? [] });
        if (start.Settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(start.Settings);
        }

        builder.WebHost.UseUrls(start.Urls);
        var options = builder.Configuration.GetSection(ServiceOptions.SectionName).Get<ServiceOptions>() ?? new ServiceOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
        });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);

        // Request-by-request framework chatter buries what the service says; configuration can still turn it up.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var services = builder.Services;
        var tables = new TableServiceClient(start.ConnectionString);
        services.AddSingleton(options);
        services.AddSingleton(start.Clock ?? TimeProvider.System);
        services.AddReviewFlowIntegrations(builder.Configuration, tables, options);
        services.AddReviewFlowActionLinks(tables, options.TaskHub + "UsedLinks", LinkSettings.Read(builder.Configuration, start));
        services.AddReviewFlowDurable(
            storage =>
            {
                storage.ConnectionString = start.ConnectionString;
                storage.TaskHubName = options.TaskHub;
            },
            tasks => tasks.AddReviewFlowWorkflows());

        // Order matters: the tables exist before the worker polls them.
        services.AddHostedService<StorageInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<DurableTaskWorker>());
        services.AddReviewFlowWeb(builder.Configuration, start.LocalDevelopment);

        var app = builder.Build();
        app.UseReviewFlowWeb();
        return app;
    }
}
