using ReviewFlow.Functions.Simulation;
using ReviewFlow.Testing;
using Xunit;

namespace ReviewFlow.Functions.Tests.EndToEnd;

/// <summary>Runs the shipped Leeds scenario once, on the shared Azurite, for every test of the class.</summary>
public sealed class LeedsSimulationFixture : IAsyncLifetime
{
    public string OutDirectory { get; } = Path.Combine(Path.GetTempPath(), "reviewflow-e2e-" + Guid.NewGuid().ToString("N"));

    public string ScenarioPath { get; } = RepositoryPaths.Under("samples", "leeds-team.json");

    public SimulationResult Result { get; private set; } = null!;

    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];

    public IEnumerable<TimelineEntry> For(string seller) => Timeline.Where(e => e.Seller == seller);

    public IEnumerable<TimelineEntry> For(string seller, string type) => For(seller).Where(e => e.Type == type);

    public async Task InitializeAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        var settings = new SimulationSettings(ScenarioPath, OutDirectory, azurite.ConnectionString, TimeSpan.FromMinutes(10), ShowProgress: false);
        Result = await new SimulationRunner(settings, new SilentProgress()).RunAsync(CancellationToken.None);
        Timeline = TimelineEntry.ReadFile(Path.Combine(OutDirectory, "timeline.json"));
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(OutDirectory))
        {
            Directory.Delete(OutDirectory, recursive: true);
        }

        return Task.CompletedTask;
    }
}
