using System.Globalization;

using ReviewFlow.Domain.People;

using Xunit;

namespace ReviewFlow.Domain.Tests.People;

public sealed class WorkingHoursTests
{
    private static readonly WorkingHours AllWeek = new(new TimeOnly(0, 0), new TimeOnly(23, 59),
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday,
            DayOfWeek.Saturday, DayOfWeek.Sunday]);

    [Theory]
    // London in winter is UTC: 09:00-17:30 local is 09:00-17:30 UTC (2027-01-05 is a Tuesday).
    [InlineData("Europe/London", "2027-01-05T09:00:00Z", 20, true)]
    [InlineData("Europe/London", "2027-01-05T08:45:00Z", 20, false)] // starts before 09:00
    [InlineData("Europe/London", "2027-01-05T17:10:00Z", 20, true)] // ends exactly at 17:30
    [InlineData("Europe/London", "2027-01-05T17:15:00Z", 20, false)] // runs past 17:30
    [InlineData("Europe/London", "2027-01-09T10:00:00Z", 20, false)] // Saturday
    // After the clocks go forward on 2027-03-28, 09:00 London is 08:00 UTC.
    [InlineData("Europe/London", "2027-03-26T08:00:00Z", 20, false)] // Friday before: 08:00 GMT
    [InlineData("Europe/London", "2027-03-29T08:00:00Z", 20, true)] // Monday after: 09:00 BST
    [InlineData("Europe/London", "2027-03-29T16:10:00Z", 20, true)] // 17:10-17:30 BST
    [InlineData("Europe/London", "2027-03-29T16:30:00Z", 20, false)] // 17:30 BST
    [InlineData("America/New_York", "2027-01-05T14:00:00Z", 20, true)] // 09:00 EST
    [InlineData("America/New_York", "2027-01-05T13:45:00Z", 20, false)] // 08:45 EST
    [InlineData("America/New_York", "2027-01-05T22:15:00Z", 20, false)] // 17:15-17:35 EST
    [InlineData("Asia/Kolkata", "2027-01-05T03:30:00Z", 20, true)] // 09:00 IST
    [InlineData("Asia/Kolkata", "2027-01-05T03:15:00Z", 20, false)] // 08:45 IST
    [InlineData("Asia/Kolkata", "2027-01-05T11:40:00Z", 20, true)] // 17:10-17:30 IST
    [InlineData("Pacific Standard Time", "2027-01-05T17:00:00Z", 20, true)] // 09:00 PST
    [InlineData("Pacific Standard Time", "2027-01-05T16:45:00Z", 20, false)]
    public void Covers_DefaultHours_TrueOnlyInsideTheLocalWorkingDay(string zone, string start, int minutes, bool expected)
    {
        var covered = WorkingHours.Default.Covers(Utc(start), TimeSpan.FromMinutes(minutes), TimeZones.Find(zone));

        Assert.Equal(expected, covered);
    }

    [Theory]
    [InlineData("2027-01-05T23:50:00Z", 20)] // crosses local midnight
    [InlineData("2027-01-05T12:00:00Z", 24 * 60)] // a whole day
    public void Covers_MeetingAcrossLocalMidnight_False(string start, int minutes)
    {
        Assert.False(AllWeek.Covers(Utc(start), TimeSpan.FromMinutes(minutes), TimeZones.Find("Europe/London")));
    }

    [Theory]
    [InlineData("2027-01-05T11:00:00Z", "2027-01-05T11:00:00Z")] // inside: unchanged
    [InlineData("2027-01-05T06:10:00Z", "2027-01-05T09:00:00Z")] // before the day: its start
    [InlineData("2027-01-05T17:30:00Z", "2027-01-06T09:00:00Z")] // the end is exclusive
    [InlineData("2027-01-08T18:00:00Z", "2027-01-11T09:00:00Z")] // Friday evening: Monday
    [InlineData("2027-01-09T12:00:00Z", "2027-01-11T09:00:00Z")] // Saturday: Monday
    [InlineData("2027-03-27T12:00:00Z", "2027-03-29T08:00:00Z")] // across the 2027-03-28 change: 09:00 BST
    [InlineData("2027-10-30T12:00:00Z", "2027-11-01T09:00:00Z")] // across the 2027-10-31 change: 09:00 GMT
    public void NextOpening_LondonDefaultHours_EarliestInstantInsideHours(string from, string expected)
    {
        var opening = WorkingHours.Default.NextOpening(Utc(from), TimeZones.Find("Europe/London"));

        Assert.Equal(Utc(expected), opening);
        Assert.Equal(DateTimeKind.Utc, opening.Kind);
    }

    [Theory]
    [InlineData("America/New_York", "2027-01-05T12:00:00Z", "2027-01-05T14:00:00Z")]
    [InlineData("America/New_York", "2027-01-05T22:30:00Z", "2027-01-06T14:00:00Z")]
    [InlineData("Asia/Kolkata", "2027-01-05T00:00:00Z", "2027-01-05T03:30:00Z")]
    [InlineData("Asia/Kolkata", "2027-01-08T12:00:00Z", "2027-01-11T03:30:00Z")] // Friday 17:30 IST: Monday
    [InlineData("Pacific Standard Time", "2027-01-05T02:00:00Z", "2027-01-05T17:00:00Z")]
    public void NextOpening_OtherZones_EarliestInstantInsideLocalHours(string zone, string from, string expected)
    {
        Assert.Equal(Utc(expected), WorkingHours.Default.NextOpening(Utc(from), TimeZones.Find(zone)));
    }

    [Theory]
    // London skips 01:00-02:00 on 2027-03-28: a 01:30 start opens when the clocks reach 02:00 BST (01:00 UTC).
    [InlineData("2027-03-28T00:00:00Z", "2027-03-28T01:00:00Z")]
    // London repeats 01:00-02:00 on 2027-10-31: a 01:30 start opens at its first occurrence (00:30 UTC).
    [InlineData("2027-10-31T00:00:00Z", "2027-10-31T00:30:00Z")]
    public void NextOpening_StartInsideDstChange_FirstInstantTheClockShowsIt(string from, string expected)
    {
        var sundays = new WorkingHours(new TimeOnly(1, 30), new TimeOnly(6, 0), [DayOfWeek.Sunday]);

        Assert.Equal(Utc(expected), sundays.NextOpening(Utc(from), TimeZones.Find("Europe/London")));
    }

    [Fact]
    public void NextOpening_NoWorkingDays_ThrowsInvalidOperation()
    {
        var none = WorkingHours.Default with { Days = [] };

        Assert.Throws<InvalidOperationException>(() => none.NextOpening(Utc("2027-01-05T09:00:00Z"), TimeZones.Find("Europe/London")));
    }

    public static TheoryData<WorkingHours, string[]> ValidateCases => new()
    {
        { WorkingHours.Default, [] },
        { WorkingHours.Default with { Start = new TimeOnly(17, 30), End = new TimeOnly(9, 0) }, ["workingHours.start", "workingHours.end"] },
        { WorkingHours.Default with { End = new TimeOnly(9, 0) }, ["workingHours.end"] }, // empty day
        { WorkingHours.Default with { Days = [] }, ["workingHours.days"] },
        { WorkingHours.Default with { Days = [DayOfWeek.Monday, DayOfWeek.Monday] }, ["workingHours.days", "Monday"] },
        { WorkingHours.Default with { Days = [(DayOfWeek)9] }, ["workingHours.days"] },
    };

    [Theory]
    [MemberData(nameof(ValidateCases))]
    public void Validate_Values_ReportsProblemsNamingTheField(WorkingHours hours, string[] expectedFragments)
    {
        var problems = hours.Validate();

        if (expectedFragments.Length == 0)
        {
            Assert.Empty(problems);
        }
        else
        {
            var problem = Assert.Single(problems);
            Assert.All(expectedFragments, fragment => Assert.Contains(fragment, problem, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEach()
    {
        var hours = new WorkingHours(new TimeOnly(18, 0), new TimeOnly(9, 0), []);

        var problems = hours.Validate();

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("workingHours.start", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("workingHours.days", StringComparison.Ordinal));
    }

    private static DateTime Utc(string value) =>
        DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
