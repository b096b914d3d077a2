using ReviewFlow.Domain.Policy;
using ReviewFlow.Domain.Reviews;
using ReviewFlow.Domain.Trends;
using ReviewFlow.Functions.Simulation.Scenario;

using Xunit;

namespace ReviewFlow.Functions.Tests.Simulation.Scenario;

/// <summary>The shipped sample tells the stories SCENARIO.md's demo relies on, by the domain's own rules.</summary>
public sealed class LeedsSampleTests
{
    private static readonly Lazy<ReviewFlow.Functions.Simulation.Scenario.Scenario> Sample = new(() => ScenarioLoader.Load(SamplePath()));

    public static string SamplePath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ReviewFlow.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return Path.Combine(directory.FullName, "samples", "leeds-team.json");
    }

    private static QuarterStory Story(string sellerId)
    {
        var scenario = Sample.Value;
        var seller = scenario.AllSellers.Single(s => s.Seller.Person.Id == sellerId);
        return QuarterStory.Of(scenario.Quarter, scenario.Policy, seller);
    }

    [Fact]
    public void Load_LeedsSample_MarksTeamOfFiveWithBusyBlockAndEscalation()
    {
        var scenario = Sample.Value;

        var team = Assert.Single(scenario.Teams);
        Assert.Equal("mark", team.Manager.Person.Id);
        Assert.Equal("dana@example.test", team.Manager.EscalateTo);
        Assert.Equal("Europe/London", team.Manager.Person.TimeZone);
        var busy = Assert.Single(team.ManagerBusy);
        Assert.Equal(new DateTime(2027, 1, 14, 13, 0, 0, DateTimeKind.Utc), busy.Start);
        Assert.Equal(DayOfWeek.Thursday, busy.Start.DayOfWeek);
        Assert.Equal(["priya", "tom", "aisha", "ben", "chloe"], scenario.AllSellers.Select(s => s.Seller.Person.Id));
        Assert.Equal("2027-Q1", scenario.Quarter.Label);
        Assert.Equal(13, scenario.Quarter.Weeks);
        Assert.Equal(ReviewPolicy.Default, scenario.Policy);
        Assert.All(scenario.AllSellers, s => Assert.Equal(13, s.Script.Weekly.Count));
    }

    [Fact]
    public void Load_LeedsSample_PriyaIsNewOnWeeklyReviewsAndSteady()
    {
        var priya = Story("priya");
        var script = Sample.Value.AllSellers.Single(s => s.Seller.Person.Id == "priya").Script;

        Assert.Equal("weekly", priya.Cadence.Name);
        Assert.Equal(13, priya.Reviews.Count);
        Assert.True(priya.Reviews.All(r => r.Status == ReviewStatus.OnTrack), priya.Summary);
        Assert.Empty(priya.Signals);
        Assert.True(Assert.Single(script.Agreement).Accept);
        Assert.Equal(
            [new ExtraCheckInRequest(3, RequestedBy.Manager), new ExtraCheckInRequest(4, RequestedBy.Manager), new ExtraCheckInRequest(5, RequestedBy.Seller)],
            script.ExtraCheckIns);
    }

    [Fact]
    public void Load_LeedsSample_TomCountersRevenueManagerAcceptsThenOnTrack()
    {
        var tom = Story("tom");
        var script = Sample.Value.AllSellers.Single(s => s.Seller.Person.Id == "tom").Script;

        var counter = Assert.Single(script.Agreement);
        Assert.False(counter.Accept);
        Assert.Equal("two accounts moved to key accounts", counter.Reason);
        Assert.True(Assert.Single(script.ManagerOnCounter).Accept);
        Assert.Equal(78000, tom.Agreed["revenue"]);
        Assert.Equal("fortnightly", tom.Cadence.Name);
        Assert.True(tom.Reviews.All(r => r.Status == ReviewStatus.OnTrack), tom.Summary);
        Assert.Empty(tom.Signals);
    }

    [Fact]
    public void Load_LeedsSample_AishaHasExactlyOneBelowReviewAndNoCoaching()
    {
        var aisha = Story("aisha");

        Assert.Equal("fortnightly", aisha.Cadence.Name);
        var below = Assert.Single(aisha.PeriodsWith(ReviewStatus.Below));
        Assert.Equal(5, below.FirstWeek);
        Assert.Equal(6, below.LastWeek);
        Assert.Equal("O O B O O O O", aisha.Summary);
        Assert.Empty(aisha.Signals);
    }

    [Fact]
    public void Load_LeedsSample_BenOpensCoachingAtWeekEightMissesOneCheckInAndClosesAtWeekThirteen()
    {
        var ben = Story("ben");
        var seller = Sample.Value.AllSellers.Single(s => s.Seller.Person.Id == "ben");

        Assert.Equal("fortnightly", ben.Cadence.Name);
        Assert.Equal("America/New_York", seller.Seller.Person.TimeZone);
        Assert.NotNull(seller.Script.WeekFigures(8));
        Assert.Null(seller.Script.WeekFigures(9));
        Assert.Null(seller.Script.WeekFigures(10));
        Assert.Equal("O B B B N O O", ben.Summary);
        Assert.Equal(8, Assert.Single(ben.SignalsOf<CoachingOpened>()).LastWeek);
        Assert.Equal(13, Assert.Single(ben.SignalsOf<CoachingClosed>()).LastWeek);
        Assert.Empty(ben.SignalsOf<RecognitionEarned>());
    }

    [Fact]
    public void Load_LeedsSample_ChloeEarnsRecognitionAfterThreeReviewsAbovePlan()
    {
        var chloe = Story("chloe");

        Assert.Equal("fortnightly", chloe.Cadence.Name);
        Assert.Equal("A A A O O O O", chloe.Summary);
        Assert.Equal(6, Assert.Single(chloe.SignalsOf<RecognitionEarned>()).LastWeek);
        Assert.Empty(chloe.SignalsOf<CoachingOpened>());
    }

    [Fact]
    public void Load_LeedsSample_OnlyBenOpensCoaching()
    {
        var scenario = Sample.Value;

        var coached = scenario.AllSellers
            .Select(s => QuarterStory.Of(scenario.Quarter, scenario.Policy, s))
            .Where(s => s.SignalsOf<CoachingOpened>().Any())
            .Select(s => s.SellerId);

        Assert.Equal(["ben"], coached);
    }
}
