using System.Globalization;

using ReviewFlow.Domain.Quarters;

using Xunit;

namespace ReviewFlow.Domain.Tests.Quarters;

public sealed class QuarterTests
{
    private static readonly Quarter Q1 = new("2027-Q1", new DateOnly(2027, 1, 4), 13);

    [Theory]
    [InlineData(1, "2027-01-04T00:00:00Z")]
    [InlineData(2, "2027-01-11T00:00:00Z")]
    [InlineData(13, "2027-03-29T00:00:00Z")] // across the London DST change: still 00:00 UTC
    [InlineData(14, "2027-04-05T00:00:00Z")] // the week after the last
    public void WeekStartUtc_Week_StartPlusSevenDaysPerWeekAtMidnightUtc(int week, string expected)
    {
        var start = Q1.WeekStartUtc(week);

        Assert.Equal(Utc(expected), start);
        Assert.Equal(DateTimeKind.Utc, start.Kind);
    }

    [Theory]
    [InlineData(13, "2027-04-05T00:00:00Z")]
    [InlineData(14, "2027-04-12T00:00:00Z")]
    [InlineData(1, "2027-01-11T00:00:00Z")]
    public void EndUtc_Weeks_StartOfTheWeekAfterTheLast(int weeks, string expected)
    {
        Assert.Equal(Utc(expected), (Q1 with { Weeks = weeks }).EndUtc);
    }

    [Theory]
    [InlineData("2026-12-31T12:00:00Z", 1)] // before the quarter: clamped
    [InlineData("2027-01-04T00:00:00Z", 1)]
    [InlineData("2027-01-10T23:59:59Z", 1)]
    [InlineData("2027-01-11T00:00:00Z", 2)]
    [InlineData("2027-02-15T09:30:00Z", 7)]
    [InlineData("2027-03-29T00:00:00Z", 13)]
    [InlineData("2027-04-04T23:59:59Z", 13)]
    [InlineData("2027-04-05T00:00:00Z", 13)] // after the quarter: clamped
    [InlineData("2028-06-01T00:00:00Z", 13)]
    public void WeekAt_Instant_WeekContainingItClampedToTheQuarter(string instant, int expected)
    {
        Assert.Equal(expected, Q1.WeekAt(Utc(instant)));
    }

    [Theory]
    [InlineData(13, 14, "1-2,3-4,5-6,7-8,9-10,11-12,13-13")]
    [InlineData(13, 7, "1-1,2-2,3-3,4-4,5-5,6-6,7-7,8-8,9-9,10-10,11-11,12-12,13-13")]
    [InlineData(13, 3, "1-1,2-2,3-3,4-4,5-5,6-6,7-7,8-8,9-9,10-10,11-11,12-12,13-13")] // under a week counts as one
    [InlineData(13, 0, "1-1,2-2,3-3,4-4,5-5,6-6,7-7,8-8,9-9,10-10,11-11,12-12,13-13")]
    [InlineData(13, 20, "1-2,3-4,5-6,7-8,9-10,11-12,13-13")] // whole weeks only
    [InlineData(13, 28, "1-4,5-8,9-12,13-13")]
    [InlineData(14, 14, "1-2,3-4,5-6,7-8,9-10,11-12,13-14")] // divides evenly
    [InlineData(1, 14, "1-1")]
    public void Periods_Cadence_ConsecutiveRunsWithAShorterLastOne(int weeks, int cadenceDays, string expected)
    {
        var periods = (Q1 with { Weeks = weeks }).Periods(cadenceDays);

        Assert.Equal(expected, string.Join(',', periods.Select(p => $"{p.FirstWeek}-{p.LastWeek}")));
        Assert.Equal(Enumerable.Range(0, periods.Count), periods.Select(p => p.Index));
        Assert.Equal(Enumerable.Range(1, weeks), periods.SelectMany(p => p.Weeks));
    }

    [Theory]
    [InlineData("2027-Q1", 13, "")]
    [InlineData("2027-Q1", 1, "")]
    [InlineData("2027-Q1", 26, "")]
    [InlineData("", 13, "quarter.label")]
    [InlineData("   ", 13, "quarter.label")]
    [InlineData("a label that is far too long for a quarter", 13, "quarter.label")]
    [InlineData("2027-Q1", 0, "quarter.weeks")]
    [InlineData("2027-Q1", 27, "quarter.weeks")]
    [InlineData("", -1, "quarter.label|quarter.weeks")]
    public void Validate_Values_ReportsEachProblemNamingTheField(string label, int weeks, string expectedFields)
    {
        var problems = new Quarter(label, new DateOnly(2027, 1, 4), weeks).Validate();

        var expected = expectedFields.Length == 0 ? [] : expectedFields.Split('|');
        Assert.Equal(expected.Length, problems.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.StartsWith(expected[i], problems[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_LabelOfExactlyMaxLength_Accepted()
    {
        Assert.Empty(new Quarter(new string('x', 32), new DateOnly(2027, 1, 4), 13).Validate());
        Assert.Single(new Quarter(new string('x', 33), new DateOnly(2027, 1, 4), 13).Validate());
    }

    private static DateTime Utc(string value) =>
        DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
