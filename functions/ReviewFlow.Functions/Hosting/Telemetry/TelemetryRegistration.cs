using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ReviewFlow.Durable.Diagnostics;
using ReviewFlow.Integrations.Diagnostics;
using ReviewFlow.Workflows.Diagnostics;

namespace ReviewFlow.Functions.Hosting.Telemetry;

/// <summary>Registers ReviewFlow's logs, traces and metrics and where they are exported.</summary>
public static class TelemetryRegistration
{
    /// <summary>The service name every signal carries (<c>service.name</c>; App Insights' cloud role name).</summary>
    public const string ServiceName = "reviewflow";

    /// <summary>
    /// Structured log scopes with redacted instance ids and seller hashes (always), the JSON console option, and,
    /// when configuration names a destination, OpenTelemetry traces (ASP.NET Core, HttpClient, the engine's
    /// orchestrations and activities), metrics (the engine's, the workflows', the throttling retries, ASP.NET Core's)
    /// and logs, exported to Application Insights (<c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>) and/or OTLP
    /// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>). With neither, the SDK is not registered and nothing is exported.
    /// </summary>
    public static IServiceCollection AddReviewFlowTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // Instance ids embed the seller id: the engine asks this what its logs and spans may say.
        services.TryAddSingleton<IInstanceTelemetryIdentity, CycleTelemetryIdentity>();
        JsonConsoleLogging.Configure(services, configuration);

        var export = TelemetryExport.Choose(configuration);
        services.AddSingleton(export);
        if (export.Exporters == TelemetryExporters.None)
        {
            return services;
        }

        var azure = export.Exporters.HasFlag(TelemetryExporters.AzureMonitor);
        var otlp = export.Exporters.HasFlag(TelemetryExporters.Otlp);
        void ConfigureAzure(AzureMonitorExporterOptions options)
        {
            options.ConnectionString = export.ConnectionString;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing =>
            {
                tracing
                    .AddSource(DurableTelemetry.SourceName)
                    .AddAspNetCoreInstrumentation(o => o.EnrichWithHttpResponse = TelemetryRedaction.RedactIncoming)
                    .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = TelemetryRedaction.RedactOutgoing);
                if (azure)
                {
                    tracing.AddAzureMonitorTraceExporter(ConfigureAzure);
                }

                // Keep every trace, after the Azure exporter installed its own sampler: its default rate limit (a few
                // traces a second) would drop episodes and activities at a quarter's kickoff, and ReviewFlow's volume
                // is small the rest of the time.
                tracing.SetSampler(new ParentBasedSampler(new AlwaysOnSampler()));

                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(DurableTelemetry.MeterName, WorkflowMetrics.MeterName, ThrottlingMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (azure)
                {
                    metrics.AddAzureMonitorMetricExporter(ConfigureAzure);
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            })
            .WithLogging(
                logging =>
                {
                    if (azure)
                    {
                        logging.AddAzureMonitorLogExporter(ConfigureAzure);
                    }

                    if (otlp)
                    {
                        logging.AddOtlpExporter();
                    }
                },
                options =>
                {
                    // The scopes are the point: instance id, seller hash and step on every line.
                    options.IncludeScopes = true;
                    options.IncludeFormattedMessage = true;
                });
        return services;
    }
}
