using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReviewFlow.Durable.Diagnostics;
using ReviewFlow.Durable.Tests.Support;
using ReviewFlow.Testing;
using Xunit;

namespace ReviewFlow.Durable.Tests.Diagnostics;

public sealed class ActivityLogScopeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string SellerId = "priya-raman";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ExecuteAsync_ActivityLogs_LineCarriesInstanceSellerHashAndStepButNeverTheSellerId(bool localActivityDispatch)
    {
        var logs = new ScopeCapturingLoggerProvider();
        await using var host = await EngineHost.StartAsync(
            azurite.ConnectionString,
            azurite.NewTaskHub(),
            registry => registry.AddOrchestrator<LoggingOrchestrator>().AddActivity<SayHello>(),
            configureWorker: worker => worker.LocalActivityDispatch = localActivityDispatch,
            configureServices: services =>
            {
                services.AddLogging(logging => logging.AddProvider(logs));
                services.AddSingleton<IInstanceTelemetryIdentity, SellerPrefixIdentity>();
            });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(LoggingOrchestrator), options: new StartOrchestrationOptions($"seller-{SellerId}-{Guid.NewGuid():N}"));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.WaitAsync(id)).RuntimeStatus);

        var line = Assert.Single(logs.Lines, l => l.Message == SayHello.Message);
        var scope = line.Scope.Where(p => p.Key.Length > 0).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(SellerHash.Of(SellerId), scope[TelemetryTags.ScopeSellerHash]);
        Assert.Equal(nameof(SayHello), scope[TelemetryTags.ScopeStep]);
        Assert.Equal(new SellerPrefixIdentity().Describe(id).InstanceId, scope[TelemetryTags.ScopeInstanceId]);
        Assert.All(line.Scope, p => Assert.DoesNotContain(SellerId, p.Value?.ToString() ?? string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void SellerHash_Of_IsTheFirstTwelveHexCharactersOfSha256()
    {
        // SHA-256("priya") = 44bcff24eb67...; computed independently with sha256sum.
        Assert.Equal(SellerHashOfPriya, SellerHash.Of("priya"));
        Assert.Equal(SellerHash.Length, SellerHash.Of("x").Length);
    }

    private const string SellerHashOfPriya = "44bcff24eb67";
}

/// <summary>Test ids are "seller-{id}-{guid}"; the seller part is replaced by its hash, as the workflows do.</summary>
internal sealed class SellerPrefixIdentity : IInstanceTelemetryIdentity
{
    public TelemetryIdentity Describe(string instanceId)
    {
        var guid = instanceId[^32..];
        var seller = instanceId["seller-".Length..^33];
        var hash = SellerHash.Of(seller);
        return new TelemetryIdentity($"seller-{hash}-{guid}", hash);
    }
}

public sealed class LoggingOrchestrator : TaskOrchestrator<string?, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string? input)
        => context.CallActivityAsync<string>(nameof(SayHello), "hi");
}

public sealed class SayHello(ILogger<SayHello> logger) : TaskActivity<string, string>
{
    public const string Message = "saying hello";

    public override Task<string> RunAsync(TaskActivityContext context, string input)
    {
        // Warning: the test host filters out anything quieter.
        logger.LogWarning(Message);
        return Task.FromResult(input);
    }
}
