using System.Text.Json;

using ReviewFlow.Domain.Trends;
using ReviewFlow.Functions.Simulation.Scenario;

using Xunit;

namespace ReviewFlow.Functions.Tests.Simulation.Scenario;

public sealed class ScenarioGeneratorTests
{
    private static readonly Lazy<ReviewFlow.Functions.Simulation.Scenario.Scenario> Thousand =
        new(() => ScenarioLoader.Parse(ScenarioGenerator.Generate(1000, 7), "generated-1000"));

    [Fact]
    public void Generate_ThousandSellers_LoadsWithoutProblems()
    {
        var scenario = Thousand.Value;

        Assert.Equal(1000, scenario.AllSellers.Count());
        Assert.Equal(125, scenario.Teams.Count);
        Assert.All(scenario.Teams, t => Assert.Equal(8, t.Sellers.Count));
    }

    [Fact]
    public void Generate_UnevenTeams_LastTeamTakesTheRest()
    {
        var scenario = ScenarioLoader.Parse(ScenarioGenerator.Generate(10, 3, sellersPerTeam: 4), "generated-10");

        Assert.Equal([4, 4, 2], scenario.Teams.Select(t => t.Sellers.Count));
    }

    [Fact]
    public void Generate_SameSeed_SameText()
    {
        Assert.Equal(ScenarioGenerator.Generate(50, 11), ScenarioGenerator.Generate(50, 11));
    }

    [Fact]
    public void Generate_DifferentSeed_DifferentText()
    {
        Assert.NotEqual(ScenarioGenerator.Generate(50, 11), ScenarioGenerator.Generate(50, 12));
    }

    [Fact]
    public void Generate_InvalidCounts_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ScenarioGenerator.Generate(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScenarioGenerator.Generate(10, 1, sellersPerTeam: 0));
    }

    [Fact]
    public void Generate_IsValidJsonText()
    {
        using var document = JsonDocument.Parse(ScenarioGenerator.Generate(3, 1));

        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        Assert.Equal(13, document.RootElement.GetProperty("quarter").GetProperty("weeks").GetInt32());
    }

    [Fact]
    public void Generate_ThousandSellers_MixesTheBehaviours()
    {
        var scenario = Thousand.Value;
        var sellers = scenario.AllSellers.ToList();
        var stories = sellers.Select(s => QuarterStory.Of(scenario.Quarter, scenario.Policy, s)).ToList();

        var weekly = stories.Count(s => s.Cadence.Name == "weekly");
        var counters = sellers.Count(s => s.Script.Agreement.Any(a => !a.Accept));
        var revised = sellers.Count(s => s.Script.ManagerOnCounter.Any(a => a.Revise is not null));
        var coached = stories.Count(s => s.SignalsOf<CoachingOpened>().Any());
        var closed = stories.Count(s => s.SignalsOf<CoachingClosed>().Any());
        var recognised = stories.Count(s => s.SignalsOf<RecognitionEarned>().Any());
        var missing = sellers.Count(s => s.Script.Weekly.Any(w => w is null));
        var extras = sellers.Count(s => s.Script.ExtraCheckIns.Count > 0);
        var zones = sellers.Select(s => s.Seller.Person.TimeZone).Distinct().Count();

        var summary = $"weekly {weekly}, counters {counters}, revised {revised}, coached {coached}, closed {closed}, recognised {recognised}, missing {missing}, extras {extras}, zones {zones}";
        Assert.True(weekly is >= 180 and <= 320, summary);
        Assert.True(counters is >= 80 and <= 175, summary);
        Assert.True(revised > 0, summary);
        Assert.True(coached is >= 80 and <= 175, summary);
        Assert.True(closed >= coached / 2, summary);
        Assert.True(recognised is >= 80 and <= 175, summary);
        Assert.True(missing is >= 100 and <= 300, summary);
        Assert.True(extras is >= 100 and <= 250, summary);
        Assert.True(zones >= 5, summary);
    }
}
