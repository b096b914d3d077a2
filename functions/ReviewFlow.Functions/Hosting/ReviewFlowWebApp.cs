using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReviewFlow.Durable;
using ReviewFlow.Durable.Worker;
using ReviewFlow.Functions.Hosting.CustomHandler;
using ReviewFlow.Functions.Hosting.Telemetry;
using ReviewFlow.Functions.Web;
using ReviewFlow.Integrations.Links;
using ReviewFlow.Workflows;

namespace ReviewFlow.Functions.Hosting;

/// <summary>
/// The ReviewFlow service: the action pages, dashboard and API over HTTP, and the durable engine's worker as a
/// hosted service (standalone mode: its own queue pollers and timer sweep). Under the Azure Functions host
/// (FUNCTIONS_CUSTOMHANDLER_PORT set) the host polls instead, and invokes the engine through the custom-handler
/// endpoints (see <see cref="InvocationEndpoints"/>).
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
        builder.Services.AddReviewFlowTelemetry(builder.Configuration);

        // Under the Functions host: its port, loopback only, and the host does the polling (no worker pollers).
        var handlerPort = CustomHandlerMode.Port(builder.Configuration);
        if (handlerPort is { } port)
        {
            builder.WebHost.UseUrls(CustomHandlerMode.UrlsFor(port));
        }

        // A connection string when one was resolved; otherwise the configured account, reached by managed identity.
        var storageAccess = string.IsNullOrWhiteSpace(start.ConnectionString)
            ? StorageAccess.FromConfiguration(builder.Configuration)
            : StorageAccess.FromConnectionString(start.ConnectionString);
        var services = builder.Services;
        var tables = storageAccess.Tables();
        services.AddSingleton(options);
        services.AddSingleton(start.Clock ?? TimeProvider.System);
        services.AddReviewFlowIntegrations(builder.Configuration, tables, options);
        services.AddReviewFlowActionLinks(tables, options.TaskHub + "UsedLinks", LinkSettings.Read(builder.Configuration, start));
        services.AddSharedDataProtection(tables, options.TaskHub);
        services.AddReviewFlowDurable(
            durableStorage =>
            {
                storageAccess.Configure(durableStorage);
                durableStorage.TaskHubName = options.TaskHub;
            },
            tasks => tasks.AddReviewFlowWorkflows());

        // Order matters: the tables exist before the worker polls them.
        services.AddHostedService<StorageInitializer>();
        if (handlerPort is null)
        {
            services.AddHostedService(sp => sp.GetRequiredService<DurableTaskWorker>());
        }
        else
        {
            services.AddCustomHandler(options);
        }

        services.AddReviewFlowWeb(builder.Configuration, start.LocalDevelopment);

        var app = builder.Build();
        app.UseReviewFlowWeb();
        if (handlerPort is not null)
        {
            app.MapCustomHandler();
        }

        return app;
    }
}
