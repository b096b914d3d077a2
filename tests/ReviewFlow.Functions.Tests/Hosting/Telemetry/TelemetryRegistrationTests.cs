using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using ReviewFlow.Durable.Diagnostics;
using ReviewFlow.Functions.Hosting.Telemetry;
using ReviewFlow.Workflows.Diagnostics;
using Xunit;

namespace ReviewFlow.Functions.Tests.Hosting.Telemetry;

public sealed class TelemetryRegistrationTests
{
    // Same name as the engine's source: the registration subscribes by name.
    private static readonly ActivitySource EngineSource = new(DurableTelemetry.SourceName);

    [Fact]
    public async Task AddReviewFlowTelemetry_NothingConfigured_RegistersNoExporterButStillRedactsLogs()
    {
        await using var services = Build([]);

        Assert.Equal(TelemetryExporters.None, services.GetRequiredService<TelemetryExport>().Exporters);
        Assert.Null(services.GetService<TracerProvider>());
        Assert.IsType<CycleTelemetryIdentity>(services.GetRequiredService<IInstanceTelemetryIdentity>());
    }

    [Fact]
    public async Task AddReviewFlowTelemetry_OtlpEndpoint_ExportsTheEngineSpansThereAsProtobuf()
    {
        await using var collector = await CollectorStub.StartAsync();
        await using var services = Build(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.BaseAddress,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        Assert.Equal(TelemetryExporters.Otlp, services.GetRequiredService<TelemetryExport>().Exporters);

        EmitProbeSpan(services, "activity OtlpProbe");

        var request = await collector.FirstToAsync("/v1/traces");
        Assert.Equal("application/x-protobuf", request.ContentType);
        Assert.Contains("activity OtlpProbe", request.Text, StringComparison.Ordinal);
        Assert.Contains(TelemetryRegistration.ServiceName, request.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddReviewFlowTelemetry_ApplicationInsightsConnectionString_ExportsTheEngineSpansToItsIngestionEndpoint()
    {
        await using var ingestion = await CollectorStub.StartAsync();
        await using var services = Build(new()
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] =
                $"InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint={ingestion.BaseAddress}/",
        });
        Assert.Equal(TelemetryExporters.AzureMonitor, services.GetRequiredService<TelemetryExport>().Exporters);

        EmitProbeSpan(services, "activity AzureProbe");

        var request = await ingestion.FirstToAsync("/v2.1/track");
        Assert.Contains("activity AzureProbe", request.Text, StringComparison.Ordinal);
        Assert.Contains("00000000-0000-0000-0000-000000000001", request.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddReviewFlowTelemetry_BothConfigured_ChoosesBoth()
    {
        await using var services = Build(new()
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:9/",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9",
        });

        Assert.Equal(TelemetryExporters.Otlp | TelemetryExporters.AzureMonitor, services.GetRequiredService<TelemetryExport>().Exporters);
    }

    [Fact]
    public async Task AddReviewFlowTelemetry_JsonFormatterConfigured_OverridesTheSimpleConsoleSetInCodeAndIncludesScopes()
    {
        await using var services = Build(
            new() { ["Logging:Console:FormatterName"] = "json" },
            logging => logging.AddSimpleConsole(o => o.SingleLine = true));

        Assert.Equal(ConsoleFormatterNames.Json, services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName);
        Assert.True(services.GetRequiredService<IOptions<JsonConsoleFormatterOptions>>().Value.IncludeScopes);
    }

    private static void EmitProbeSpan(ServiceProvider services, string name)
    {
        var tracer = services.GetRequiredService<TracerProvider>();
        using (var span = EngineSource.StartActivity(name))
        {
            Assert.NotNull(span); // the registration listens to the engine's source
        }

        Assert.True(tracer.ForceFlush(10_000));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<ILoggingBuilder>? logging = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(builder =>
        {
            builder.AddConfiguration(configuration.GetSection("Logging"));
            logging?.Invoke(builder);
        });
        services.AddReviewFlowTelemetry(configuration);
        return services.BuildServiceProvider();
    }
}
