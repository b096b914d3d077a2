using System.Globalization;

using ReviewFlow.Domain.Metrics;
using ReviewFlow.Domain.Reviews;
using Xunit;

namespace ReviewFlow.Domain.Tests.Metrics;

public sealed class ExpectationSetTests
{
    /// <summary>"revenue=90000,dealsWon=10" as an ordered dictionary ("" is empty).</summary>
    private static Dictionary<string, double> Parse(string spec)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var pair in spec.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=');
            values.Add(parts[0], double.Parse(parts[1], CultureInfo.InvariantCulture));
        }

        return values;
    }

    [Fact]
    public void From_DefaultCatalogue_TakesKindsFromCatalogueInKeyOrder()
    {
        var set = ExpectationSet.From(Parse("proposalTurnaroundDays=3,revenue=90000,demosPerWeek=4"), MetricCatalogue.Default);

        Assert.Equal(
            [
                new MetricTarget("proposalTurnaroundDays", MetricKind.LowerIsBetter, 3),
                new MetricTarget("revenue", MetricKind.OutcomeTotal, 90000),
                new MetricTarget("demosPerWeek", MetricKind.PerWeekIndicator, 4),
            ],
            set.Targets);
    }

    [Theory]
    [InlineData("revenue=1,dealsWon=2,newConversationsPerWeek=3")]
    [InlineData("newConversationsPerWeek=3,dealsWon=2,revenue=1")]
    [InlineData("zeta=1,alpha=2,mid=3,beta=4")]
    public void Values_AnyTargetOrder_PreservesTargetOrder(string spec)
    {
        var expected = Parse(spec);
        var set = ExpectationSet.From(expected, MetricCatalogue.Default);

        Assert.Equal(expected.Keys, set.Values.Keys);
        Assert.Equal(expected.Values, set.Values.Values);
    }

    [Theory]
    [InlineData("revenue", 90000, null)]
    [InlineData("r", 0, null)] // zero is a valid target
    [InlineData("deals2027", 1e12, null)] // the largest value
    [InlineData("1revenue", 1, "1revenue")] // must start with a letter
    [InlineData("rev-enue", 1, "rev-enue")]
    [InlineData("rev enue", 1, "rev enue")]
    [InlineData("", 1, "targets[0]")] // no key: named by position
    [InlineData("revenue", -1, "revenue")]
    [InlineData("revenue", double.NaN, "revenue")]
    [InlineData("revenue", double.PositiveInfinity, "revenue")]
    [InlineData("revenue", 1.0000001e12, "revenue")]
    public void Validate_OneTarget_ReportsProblemNamingTheMetric(string key, double value, string? named)
    {
        var problems = new ExpectationSet([new MetricTarget(key, MetricKind.OutcomeTotal, value)]).Validate();

        if (named is null)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.StartsWith(named + ":", Assert.Single(problems), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(64, true)]
    [InlineData(65, false)]
    public void Validate_KeyLength_AtMost64(int length, bool valid)
    {
        var key = "k" + new string('x', length - 1);

        var problems = new ExpectationSet([new MetricTarget(key, MetricKind.OutcomeTotal, 1)]).Validate();

        Assert.Equal(valid, problems.Count == 0);
    }

    [Fact]
    public void Validate_NoTargets_AsksForOne()
    {
        var problem = Assert.Single(new ExpectationSet([]).Validate());

        Assert.Contains("at least one", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralProblems_OnePerMetric()
    {
        var set = new ExpectationSet(
        [
            new MetricTarget("revenue", MetricKind.OutcomeTotal, -5),
            new MetricTarget("dealsWon", MetricKind.OutcomeTotal, 10),
            new MetricTarget("bad key", MetricKind.OutcomeTotal, 1),
            new MetricTarget("dealsWon", MetricKind.OutcomeTotal, 12),
        ]);

        var problems = set.Validate();

        Assert.Equal(3, problems.Count);
        Assert.StartsWith("revenue:", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("bad key:", problems[1], StringComparison.Ordinal);
        Assert.StartsWith("dealsWon:", problems[2], StringComparison.Ordinal); // repeated
    }

    /// <summary>Expected: "key:from->to" joined by ';', an empty side for an absent metric.</summary>
    [Theory]
    [InlineData("revenue=90000", "revenue=90000", "")]
    [InlineData("revenue=90000", "revenue=80000", "revenue:90000->80000")]
    [InlineData("revenue=90000,dealsWon=10", "dealsWon=12,revenue=90000", "dealsWon:10->12")]
    [InlineData("revenue=90000,dealsWon=10", "revenue=90000", "dealsWon:10->")]
    [InlineData("revenue=90000", "conversionRate=20,revenue=95000", "revenue:90000->95000;conversionRate:->20")]
    [InlineData("a=1,b=2,c=3", "d=4,c=30,a=1", "b:2->;c:3->30;d:->4")] // this set's keys first, then the new ones
    public void Changes_BetweenSets_ListsDifferencesByKey(string from, string to, string expected)
    {
        var changes = ExpectationSet.From(Parse(from), MetricCatalogue.Default)
            .Changes(ExpectationSet.From(Parse(to), MetricCatalogue.Default));

        var actual = string.Join(';', changes.Select(c =>
            $"{c.Key}:{c.From?.ToString(CultureInfo.InvariantCulture)}->{c.To?.ToString(CultureInfo.InvariantCulture)}"));
        Assert.Equal(expected, actual);
    }
}
