using ReviewFlow.Functions.Simulation;
using ReviewFlow.Functions.Simulation.Scenario;
using Xunit;

namespace ReviewFlow.Functions.Tests.EndToEnd;

/// <summary>A bad scenario is refused before anything starts, and nothing is written.</summary>
public sealed class InvalidScenarioTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reviewflow-invalid-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Run_InvalidScenario_ThrowsNamingTheFieldAndWritesNothing()
    {
        Directory.CreateDirectory(_folder);
        var scenario = Path.Combine(_folder, "bad.json");
        await File.WriteAllTextAsync(scenario, """{ "quarter": { "label": "2027-Q1", "start": "2027-13-04", "weeks": 13 }, "teams": [] }""");
        var output = Path.Combine(_folder, "out");

        // No connection string and no Azurite: the scenario must be rejected before storage is even started.
        var runner = new SimulationRunner(new SimulationSettings(scenario, output, "UseDevelopmentStorage=false", TimeSpan.FromMinutes(1), ShowProgress: false), new SilentProgress());
        var error = await Assert.ThrowsAsync<ScenarioException>(() => runner.RunAsync(CancellationToken.None));

        Assert.Contains(error.Problems, p => p.StartsWith("quarter.start", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("teams", StringComparison.Ordinal));
        Assert.False(Directory.Exists(output));
        Assert.Equal([scenario], Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void Prepare_NonEmptyFolderOfSomethingElse_IsRefusedNamingOut()
    {
        var target = Path.Combine(_folder, "precious");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "thesis.docx"), "do not delete");

        var error = Assert.Throws<ArgumentException>(() => OutputDirectory.Prepare(target));

        Assert.StartsWith("--out", error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(target, "thesis.docx")));
    }

    [Fact]
    public void Commit_PreviousSimulationFolder_ReplacesOnlyItsOwnFiles()
    {
        var target = Path.Combine(_folder, "sim");
        using (var first = OutputDirectory.Prepare(target))
        {
            File.WriteAllText(Path.Combine(first.Staging, "timeline.json"), "[1]");
            first.Commit();
        }

        File.WriteAllText(Path.Combine(target, "notes.txt"), "mine");
        using (var second = OutputDirectory.Prepare(target))
        {
            File.WriteAllText(Path.Combine(second.Staging, "timeline.json"), "[2]");
            second.Commit();
        }

        Assert.Equal("[2]", File.ReadAllText(Path.Combine(target, "timeline.json")));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(target, "notes.txt")));
        Assert.Empty(Directory.GetDirectories(_folder, ".sim.staging-*"));
    }

    [Fact]
    public void Dispose_WithoutCommit_LeavesNoStagingBehind()
    {
        var target = Path.Combine(_folder, "never");
        using (var output = OutputDirectory.Prepare(target))
        {
            File.WriteAllText(Path.Combine(output.Staging, "timeline.json"), "[partial]");
        }

        Assert.False(Directory.Exists(target));
        Assert.Empty(Directory.GetDirectories(_folder, ".never.staging-*"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
