using System.Globalization;

using ReviewFlow.Domain.Quarters;

using Xunit;

namespace ReviewFlow.Domain.Tests.Quarters;

public sealed class FiscalCalendarTests
{
    [Theory]
    // January fiscal year: the fiscal year is the calendar year.
    [InlineData(1, "2027-01-01", "2027-Q1", "2027-01-04", 13)] // before the first Monday: still Q1
    [InlineData(1, "2027-01-04", "2027-Q1", "2027-01-04", 13)]
    [InlineData(1, "2027-03-31", "2027-Q1", "2027-01-04", 13)]
    [InlineData(1, "2027-04-01", "2027-Q2", "2027-04-05", 13)]
    [InlineData(1, "2027-12-31", "2027-Q4", "2027-10-04", 13)]
    [InlineData(1, "2024-08-15", "2024-Q3", "2024-07-01", 14)] // 2024-07-01 to 2024-10-07
    [InlineData(1, "2029-10-01", "2029-Q4", "2029-10-01", 14)] // starts on the 1st itself
    // April fiscal year: named by the calendar year it ends in.
    [InlineData(4, "2027-04-01", "2028-Q1", "2027-04-05", 13)]
    [InlineData(4, "2027-03-31", "2027-Q4", "2027-01-04", 13)]
    [InlineData(4, "2027-12-25", "2028-Q3", "2027-10-04", 13)]
    [InlineData(4, "2028-02-29", "2028-Q4", "2028-01-03", 13)]
    // November fiscal year: a quarter spanning the calendar year end.
    [InlineData(11, "2027-01-20", "2027-Q1", "2026-11-02", 13)]
    [InlineData(11, "2027-11-01", "2028-Q1", "2027-11-01", 14)] // 2027-11-01 to 2028-02-07
    public void QuarterContaining_Date_LabelStartAndWeeks(int firstMonth, string date, string label, string start, int weeks)
    {
        var quarter = new FiscalCalendar(firstMonth).QuarterContaining(Date(date));

        Assert.Equal(new Quarter(label, Date(start), weeks), quarter);
        Assert.Equal(DayOfWeek.Monday, quarter.Start.DayOfWeek);
    }

    [Theory]
    [InlineData(DayOfWeek.Sunday, "2027-01-03")]
    [InlineData(DayOfWeek.Friday, "2027-01-01")] // the 1st itself
    [InlineData(DayOfWeek.Saturday, "2027-01-02")]
    public void QuarterContaining_OtherStartDay_FirstSuchDayOnOrAfterThe1st(DayOfWeek day, string expected)
    {
        var quarter = new FiscalCalendar(1, day).QuarterContaining(Date("2027-02-10"));

        Assert.Equal(Date(expected), quarter.Start);
        Assert.Equal(day, quarter.Start.DayOfWeek);
    }

    [Theory]
    [InlineData(1, "2027-01-04", "2027-Q1,2027-Q2,2027-Q3,2027-Q4,2028-Q1,2028-Q2")]
    [InlineData(4, "2027-04-05", "2028-Q1,2028-Q2,2028-Q3,2028-Q4,2029-Q1,2029-Q2")]
    [InlineData(1, "2024-04-01", "2024-Q2,2024-Q3,2024-Q4,2025-Q1,2025-Q2,2025-Q3")] // through a 14-week quarter
    public void Next_Chained_EachStartsWhereThePreviousEnds(int firstMonth, string from, string expectedLabels)
    {
        var calendar = new FiscalCalendar(firstMonth);
        var quarter = calendar.QuarterContaining(Date(from));
        var labels = new List<string> { quarter.Label };

        for (var i = 0; i < 5; i++)
        {
            var next = calendar.Next(quarter);
            Assert.Equal(quarter.EndUtc, next.WeekStartUtc(1));
            quarter = next;
            labels.Add(quarter.Label);
        }

        Assert.Equal(expectedLabels, string.Join(',', labels));
    }

    [Theory]
    [InlineData("2027-01-06", 13, "2027-Q2", "2027-04-05")] // a scenario quarter starting mid-week
    [InlineData("2027-01-04", 12, "2027-Q2", "2027-04-05")] // a scenario quarter a week short
    [InlineData("2026-12-28", 14, "2027-Q2", "2027-04-05")] // starting a week early
    public void Next_QuarterNotFromTheCalendar_MovesOnByOneQuarter(string start, int weeks, string label, string expectedStart)
    {
        var next = new FiscalCalendar().Next(new Quarter("2027-Q1", Date(start), weeks));

        Assert.Equal(label, next.Label);
        Assert.Equal(Date(expectedStart), next.Start);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    [InlineData(-4)]
    public void QuarterContainingAndNext_FirstMonthOutOfRange_ThrowArgumentOutOfRange(int firstMonth)
    {
        var calendar = new FiscalCalendar(firstMonth);

        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.QuarterContaining(Date("2027-01-04")));
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.Next(new Quarter("2027-Q1", Date("2027-01-04"), 13)));
    }

    private static DateOnly Date(string value) => DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
