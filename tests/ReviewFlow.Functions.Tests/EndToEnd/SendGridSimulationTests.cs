using Microsoft.Extensions.Configuration;
using ReviewFlow.Functions.Simulation;
using ReviewFlow.Integrations.Tests.Support;
using ReviewFlow.Testing;
using Xunit;

namespace ReviewFlow.Functions.Tests.EndToEnd;

/// <summary><c>simulate</c> pointed at a SendGrid stub: the real SendGrid SDK sends every email of the quarter, once.</summary>
public sealed class SendGridSimulationTests : IDisposable
{
    private const string ApiKey = "SG.simulation-test-key";
    private readonly string _out = Path.Combine(Path.GetTempPath(), "reviewflow-sendgrid-sim-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    [Fact]
    public async Task Simulate_SendGridPointedAtAStub_SendsEveryEmailOnceThroughTheApiAndTheQuarterStillCompletes()
    {
        await using var stub = SendGridStub.Start(ApiKey);
        var sendGrid = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SendGrid:ApiKey"] = ApiKey,
            ["SendGrid:ApiBaseUrl"] = stub.BaseUrl,
            ["SendGrid:From:Email"] = "reviews@example.test",
            ["SendGrid:From:Name"] = "ReviewFlow",
        }).Build().GetSection("SendGrid");
        var azurite = await SharedAzurite.GetAsync();
        var settings = new SimulationSettings(RepositoryPaths.Under("samples", "leeds-team.json"), _out, azurite.ConnectionString, TimeSpan.FromMinutes(10), ShowProgress: false, sendGrid);

        var result = await new SimulationRunner(settings, new SilentProgress()).RunAsync(CancellationToken.None);

        Assert.Empty(result.Failed);
        Assert.True(result.Emails > 100, $"only {result.Emails} emails");
        var keys = stub.Requests.Select(r => r.Json["custom_args"]!["idempotency_key"]!.GetValue<string>()).ToList();
        Assert.Equal(result.Emails, keys.Count);
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(stub.Requests, r => Assert.Equal("/v3/mail/send", r.Path));
        Assert.False(Directory.Exists(Path.Combine(_out, "outbox")) && Directory.EnumerateFiles(Path.Combine(_out, "outbox")).Any(), "nothing goes to the dev outbox");
        Assert.Contains(stub.Requests, r => r.Json["personalizations"]![0]!["to"]![0]!["email"]!.GetValue<string>() == "priya@example.test");
    }
}
