using ReviewFlow.Domain.Quarters;
using ReviewFlow.Functions.Web.Dashboard;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Dashboard;

public sealed class ReviewsDueTests
{
    private static readonly Quarter Q1 = new("2027-Q1", new DateOnly(2027, 1, 4), 13);

    [Theory]
    [InlineData(14, "2027-01-20T23:59:00Z", 0)] // W1–2's window (Thu 14 to Thu 21 Jan) is still open
    [InlineData(14, "2027-01-21T00:00:00Z", 1)]
    [InlineData(7, "2027-02-01T10:00:00Z", 3)]
    [InlineData(14, "2027-06-01T00:00:00Z", 7)] // after the quarter: every period, the last one a single week
    [InlineData(7, "2027-01-04T10:00:00Z", 0)]
    public void By_Cadence_CountsThePeriodsWhoseWindowHasClosed(int cadenceDays, string now, int expected)
    {
        var at = DateTime.Parse(now, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);

        Assert.Equal(expected, ReviewsDue.By(Q1, cadenceDays, at));
    }

    [Theory]
    [InlineData("weekly", 7)]
    [InlineData("fortnightly", 14)]
    [InlineData("every 10 days", 10)]
    [InlineData("every -3 days", null)]
    [InlineData("every day", null)]
    [InlineData("monthly", null)]
    [InlineData(null, null)]
    public void CadenceDays_JournalName_IsTheDaysOrNull(string? name, int? expected) => Assert.Equal(expected, ReviewsDue.CadenceDays(name));
}
