using ReviewFlow.Domain.People;
using ReviewFlow.Domain.Scheduling;

using Xunit;

using static ReviewFlow.Domain.Tests.Scheduling.SlotRequestBuilder;

namespace ReviewFlow.Domain.Tests.Scheduling;

public sealed class TimeRangeTests
{
    [Theory]
    [InlineData("10:00", "11:00", "11:00", "12:00", false)] // touching
    [InlineData("10:00", "12:00", "11:00", "13:00", true)]
    [InlineData("10:00", "13:00", "11:00", "12:00", true)] // contains
    [InlineData("10:00", "11:00", "10:00", "11:00", true)] // same
    [InlineData("10:00", "11:00", "11:30", "12:00", false)]
    [InlineData("10:30", "10:30", "10:00", "11:00", false)] // empty range
    [InlineData("10:59", "11:01", "11:00", "11:00", false)]
    public void Overlaps_TwoRanges_TrueWhenTheyShareAnInstantEitherWay(
        string aStart, string aEnd, string bStart, string bEnd, bool expected)
    {
        var a = new TimeRange(At(aStart), At(aEnd));
        var b = new TimeRange(At(bStart), At(bEnd));

        Assert.Equal(expected, a.Overlaps(b));
        Assert.Equal(expected, b.Overlaps(a));
    }

    [Theory]
    [InlineData("2027-01-05T14:00:00Z", "America/New_York", DayOfWeek.Tuesday, "09:00")]
    [InlineData("2027-01-05T20:00:00Z", "Asia/Kolkata", DayOfWeek.Wednesday, "01:30")] // the local date moves on
    [InlineData("2027-07-06T08:00:00Z", "Europe/London", DayOfWeek.Tuesday, "09:00")] // BST
    [InlineData("2027-01-05T08:00:00Z", "Europe/London", DayOfWeek.Tuesday, "08:00")] // GMT
    [InlineData("2027-01-05T02:00:00Z", "Pacific Standard Time", DayOfWeek.Monday, "18:00")]
    public void PreferredSlotOf_Instant_WeekdayAndTimeInTheZone(string utc, string zone, DayOfWeek day, string time)
    {
        var preferred = PreferredSlot.Of(Utc(utc), TimeZones.Find(zone));

        Assert.Equal(new PreferredSlot(day, TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture)), preferred);
    }

    private static DateTime At(string time) => Utc($"2027-01-05T{time}:00Z");
}
