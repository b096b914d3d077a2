using Microsoft.Graph.Models;

using ReviewFlow.Domain.People;
using ReviewFlow.Integrations.Calendar.Graph;

using Xunit;

using Person = ReviewFlow.Domain.People.Person;
using WorkingHours = ReviewFlow.Domain.People.WorkingHours;

namespace ReviewFlow.Integrations.Tests.Calendar.Graph;

public sealed class GraphTimeZonesTests
{
    [Fact]
    public void FromCustom_PositiveBias_IsWestOfUtcWithDaylightTimeInSummer()
    {
        var zone = GraphTimeZones.FromCustom(Pacific())!;

        Assert.Equal(TimeSpan.FromHours(-8), zone.BaseUtcOffset);
        Assert.Equal(TimeSpan.FromHours(-8), zone.GetUtcOffset(new DateTime(2027, 1, 15, 12, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(TimeSpan.FromHours(-7), zone.GetUtcOffset(new DateTime(2027, 7, 15, 12, 0, 0, DateTimeKind.Utc)));
        // 02:00 on Sunday 14 March 2027 (the 2nd Sunday) jumps to 03:00.
        Assert.True(zone.IsInvalidTime(new DateTime(2027, 3, 14, 2, 30, 0)));
        Assert.False(zone.IsInvalidTime(new DateTime(2027, 3, 7, 2, 30, 0)));
    }

    [Fact]
    public void FromCustom_NegativeBiasWithoutDaylight_IsEastOfUtcAllYear()
    {
        var zone = GraphTimeZones.FromCustom(new CustomTimeZone { Bias = -330, Name = "Customized Time Zone" })!;

        Assert.Equal(TimeSpan.FromMinutes(330), zone.BaseUtcOffset);
        Assert.False(zone.SupportsDaylightSavingTime);
    }

    [Fact]
    public void FromCustom_SameRulesTwice_SameIdAndTheIdResolvesOnceRegistered()
    {
        var first = GraphTimeZones.FromCustom(Pacific())!;
        var again = GraphTimeZones.FromCustom(Pacific())!;
        var other = GraphTimeZones.FromCustom(new CustomTimeZone { Bias = 480 })!;

        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, other.Id);
        Assert.Equal(first.Id, TimeZones.Register(first));
        Assert.True(new Person("mark", "Mark", "mark@example.test", first.Id, WorkingHours.Default).Zone.HasSameRules(first));
    }

    [Fact]
    public void FromCustom_BiasBeyondFourteenHours_IsNotUsable() =>
        Assert.Null(GraphTimeZones.FromCustom(new CustomTimeZone { Bias = 1000 }));

    [Fact]
    public void ToUtc_WallTimeInANamedZone_ConvertsWithThatZonesOffset()
    {
        var utc = GraphTimeZones.ToUtc(new DateTimeTimeZone { DateTime = "2027-07-13T09:00:00.0000000", TimeZone = "GMT Standard Time" });

        Assert.Equal(new DateTime(2027, 7, 13, 8, 0, 0, DateTimeKind.Utc), utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }

    [Fact]
    public void ToUtc_TimeSkippedByDst_DoesNotThrow() =>
        Assert.Equal(
            new DateTime(2027, 3, 14, 10, 30, 0, DateTimeKind.Utc),
            GraphTimeZones.ToUtc(new DateTimeTimeZone { DateTime = "2027-03-14T02:30:00", TimeZone = "Pacific Standard Time" }));

    [Fact]
    public void ToUtc_UnknownZone_ThrowsNamingIt()
    {
        var error = Assert.Throws<FormatException>(() =>
            GraphTimeZones.ToUtc(new DateTimeTimeZone { DateTime = "2027-07-13T09:00:00", TimeZone = "Atlantis Standard Time" }));

        Assert.Contains("Atlantis Standard Time", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("tzone://Microsoft/Utc")]
    [InlineData("Etc/UTC")]
    public void FindNamed_OutlooksNamesForUtc_AreUtc(string name) =>
        Assert.Equal(TimeSpan.Zero, GraphTimeZones.FindNamed(name)!.BaseUtcOffset);

    private static CustomTimeZone Pacific() => new()
    {
        Bias = 480,
        Name = "Customized Time Zone",
        StandardOffset = new StandardTimeZoneOffset
        {
            Time = new Microsoft.Kiota.Abstractions.Time(2, 0, 0), DayOccurrence = 1, DayOfWeek = DayOfWeekObject.Sunday, Month = 11, Year = 0,
        },
        DaylightOffset = new DaylightTimeZoneOffset
        {
            DaylightBias = -60, Time = new Microsoft.Kiota.Abstractions.Time(2, 0, 0), DayOccurrence = 2, DayOfWeek = DayOfWeekObject.Sunday, Month = 3, Year = 0,
        },
    };
}
