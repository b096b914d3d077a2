using Microsoft.Extensions.Configuration;

namespace ReviewFlow.Functions.Hosting.Telemetry;

/// <summary>Where traces, metrics and logs go; chosen from configuration by <see cref="TelemetryExport.Choose"/>.</summary>
[Flags]
internal enum TelemetryExporters
{
    /// <summary>Nowhere: the OpenTelemetry SDK is not even registered, so nothing listens to the sources.</summary>
    None = 0,

    /// <summary>An OpenTelemetry collector (or any OTLP backend) at <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    Otlp = 1,

    /// <summary>Application Insights, at <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>.</summary>
    AzureMonitor = 2,
}

/// <summary>The exporters configuration asks for, and what they need.</summary>
/// <param name="Exporters">The exporters.</param>
/// <param name="ConnectionString">The Application Insights connection string, when there is one.</param>
internal sealed record TelemetryExport(TelemetryExporters Exporters, string? ConnectionString)
{
    /// <summary>The setting Azure Functions and App Service use for Application Insights.</summary>
    public const string ConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>The OpenTelemetry specification's setting for the OTLP endpoint (the exporter reads the rest itself).</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Both when both are set: a collector during a migration, say.</summary>
    public static TelemetryExport Choose(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[ConnectionStringKey];
        var exporters = TelemetryExporters.None;
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            exporters |= TelemetryExporters.AzureMonitor;
        }

        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]))
        {
            exporters |= TelemetryExporters.Otlp;
        }

        return new TelemetryExport(exporters, string.IsNullOrWhiteSpace(connectionString) ? null : connectionString);
    }
}
