using ReviewFlow.Domain.Policy;
using Xunit;

namespace ReviewFlow.Domain.Tests.Policy;

public sealed class PolicyTests
{
    private static readonly DateOnly QuarterStart = new(2027, 1, 4);

    [Theory]
    [InlineData("2026-10-01", "weekly", 7)] // three months in
    [InlineData("2026-07-05", "weekly", 7)] // one day short of six months
    [InlineData("2026-07-04", "fortnightly", 14)] // exactly six months
    [InlineData("2023-03-01", "fortnightly", 14)]
    public void Cadence_ByTenureAtQuarterStart_WeeklyForNewSellers(string startedOn, string name, int days)
    {
        var cadence = Cadence.For(DateOnly.Parse(startedOn, System.Globalization.CultureInfo.InvariantCulture), QuarterStart, ReviewPolicy.Default);

        Assert.Equal(name, cadence.Name);
        Assert.Equal(days, cadence.IntervalDays);
        Assert.Equal(TimeSpan.FromMinutes(20), cadence.Length);
    }

    /// <summary>The SCENARIO.md example: week 3 booked, week 4 refused, week 5 booked because the seller asked.</summary>
    [Fact]
    public void ExtraCheckInBudget_ScenarioExample_BooksRefusesBooks()
    {
        var managerBooked = new List<int>();
        var decisions = new List<bool>();
        foreach (var (week, by) in new[] { (3, RequestedBy.Manager), (4, RequestedBy.Manager), (5, RequestedBy.Seller) })
        {
            var decision = ExtraCheckInBudget.Decide(by, week, managerBooked, ReviewPolicy.Default);
            decisions.Add(decision.Allowed);
            if (decision.Allowed && by == RequestedBy.Manager)
            {
                managerBooked.Add(week);
            }
        }

        Assert.Equal([true, false, true], decisions);
    }

    [Theory]
    [InlineData(6, false)] // weeks 3-6 hold the week-3 check-in
    [InlineData(7, true)] // the window has moved past it
    public void ExtraCheckInBudget_RollingFourWeeks_RefusesInsideWindowOnly(int week, bool allowed)
    {
        var decision = ExtraCheckInBudget.Decide(RequestedBy.Manager, week, [3], ReviewPolicy.Default);

        Assert.Equal(allowed, decision.Allowed);
        Assert.Equal(allowed, decision.Reason is null);
    }

    [Fact]
    public void ExtraCheckInBudget_Refusal_ExplainsAndPointsToTheRhythm()
    {
        var decision = ExtraCheckInBudget.Decide(RequestedBy.Manager, 4, [3], ReviewPolicy.Default);

        Assert.Contains("1 extra check-in per 4 weeks", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("seller can still ask", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_HaveNoProblems() => Assert.Empty(ReviewPolicy.Default.Validate());

    [Fact]
    public void Validate_IncoherentValues_NameEachSetting()
    {
        var problems = (ReviewPolicy.Default with { BelowPlanRatio = 1.2, CoachingBelowCount = 5 }).Validate();

        Assert.Contains(problems, p => p.Contains("BelowPlanRatio", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("CoachingBelowCount", StringComparison.Ordinal));
    }
}
