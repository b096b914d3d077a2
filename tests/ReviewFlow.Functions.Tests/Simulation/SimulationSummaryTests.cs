using Microsoft.Extensions.Configuration;
using ReviewFlow.Functions.Simulation;
using Spectre.Console;
using Xunit;

namespace ReviewFlow.Functions.Tests.Simulation;

/// <summary>The summary's last line names only the folders the run filled.</summary>
public sealed class SimulationSummaryTests
{
    private static readonly SimulationResult Result = new(
        Cycles: 5, Failed: [], TimelineEntries: 300, Emails: 110, Meetings: 45, Episodes: 900, Activities: 400,
        EngineStorageRequests: 4000, WallTime: TimeSpan.FromSeconds(7), VirtualDays: 92, TimeSteps: 850, PeakWorkingSetBytes: 100 << 20,
        OutDirectory: "out/leeds", Outcomes: new Dictionary<string, int>());

    private static IConfigurationSection Section(string name, params (string Key, string Value)[] values)
        => new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>($"{name}:{v.Key}", v.Value)))
            .Build()
            .GetSection(name);

    private static string Print(SimulationSettings settings)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        SimulationSummary.Print(console, Result, settings);
        return writer.ToString();
    }

    private static SimulationSettings Settings(IConfigurationSection? sendGrid = null, IConfigurationSection? graph = null)
        => new("scenario.json", "out/leeds", null, TimeSpan.FromMinutes(1), ShowProgress: false, sendGrid, graph);

    [Fact]
    public void Print_VirtualDays_SaysHowManyTimeStepsTheyTook()
    {
        Assert.Matches(@"Virtual days\s*│\s*92 \(850 time steps\)", Print(Settings()));
    }

    [Fact]
    public void Print_DevAdapters_NamesOutboxAndCalendar()
    {
        Assert.Contains("report.html, outbox/ and calendar/.", Print(Settings()), StringComparison.Ordinal);
    }

    [Fact]
    public void Print_Graph_LeavesCalendarOutAndSaysWhereTheMeetingsAre()
    {
        var text = Print(Settings(graph: Section("Graph", ("DevelopmentAccessToken", "t"), ("BaseUrl", "http://127.0.0.1:9/v1.0"))));

        Assert.Contains("report.html and outbox/.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("calendar/", text, StringComparison.Ordinal);
        Assert.Contains("45 meetings are in Microsoft Graph", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Print_SendGridAndGraph_NamesOnlyTheTimelineAndTheReport()
    {
        var text = Print(Settings(
            Section("SendGrid", ("ApiKey", "SG.x")),
            Section("Graph", ("DevelopmentAccessToken", "t"), ("BaseUrl", "http://127.0.0.1:9/v1.0"))));

        Assert.Matches(@"Wrote \S*timeline\.json and report\.html\.", text);
        Assert.DoesNotContain("outbox/", text, StringComparison.Ordinal);
    }
}
