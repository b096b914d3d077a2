using System.Globalization;

using ReviewFlow.Domain.People;

using Xunit;

namespace ReviewFlow.Domain.Tests.People;

public sealed class TimeZonesTests
{
    [Theory]
    [InlineData("Europe/London", "2027-01-15T12:00:00Z", 0)]
    [InlineData("Europe/London", "2027-07-15T12:00:00Z", 60)]
    [InlineData("America/New_York", "2027-01-15T12:00:00Z", -300)]
    [InlineData("America/New_York", "2027-07-15T12:00:00Z", -240)]
    [InlineData("Asia/Kolkata", "2027-01-15T12:00:00Z", 330)] // +05:30, no DST
    [InlineData("Asia/Kolkata", "2027-07-15T12:00:00Z", 330)]
    [InlineData("GMT Standard Time", "2027-01-15T12:00:00Z", 0)] // Windows name for London
    [InlineData("GMT Standard Time", "2027-07-15T12:00:00Z", 60)]
    [InlineData("Pacific Standard Time", "2027-01-15T12:00:00Z", -480)]
    [InlineData("Pacific Standard Time", "2027-07-15T12:00:00Z", -420)]
    [InlineData("India Standard Time", "2027-01-15T12:00:00Z", 330)]
    public void Find_IanaOrWindowsId_ResolvesWithTheZonesOffsets(string id, string instant, int offsetMinutes)
    {
        var zone = TimeZones.Find(id);

        Assert.Equal(TimeSpan.FromMinutes(offsetMinutes), zone.GetUtcOffset(Utc(instant)));
    }

    [Theory]
    [InlineData("Europe/London", "GMT Standard Time")]
    [InlineData("America/Los_Angeles", "Pacific Standard Time")]
    [InlineData("America/New_York", "Eastern Standard Time")]
    public void Find_IanaAndWindowsNamesOfOneZone_AgreeAcrossTheYear(string iana, string windows)
    {
        var a = TimeZones.Find(iana);
        var b = TimeZones.Find(windows);

        for (var day = new DateTime(2027, 1, 1, 12, 0, 0, DateTimeKind.Utc); day.Year == 2027; day = day.AddDays(1))
        {
            Assert.Equal(a.GetUtcOffset(day), b.GetUtcOffset(day));
        }
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Not A Zone Standard Time")]
    [InlineData("../../etc/passwd")]
    public void Find_UnknownId_ThrowsArgumentExceptionNamingTheId(string id)
    {
        var error = Assert.Throws<ArgumentException>(() => TimeZones.Find(id));

        Assert.Contains($"'{id}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a known IANA or Windows time zone", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    [InlineData("   ")]
    public void TryFind_UnknownOrBlankId_ReturnsFalse(string id)
    {
        Assert.False(TimeZones.TryFind(id, out _));
    }

    [Theory]
    [InlineData("Asia/Kolkata")]
    [InlineData("Pacific Standard Time")]
    public void TryFind_KnownId_ReturnsTrueAndTheZone(string id)
    {
        Assert.True(TimeZones.TryFind(id, out var zone));
        Assert.NotNull(zone);
    }

    [Theory]
    [InlineData("Europe/London")]
    [InlineData("GMT Standard Time")]
    public void Find_SameIdTwice_ReturnsTheCachedInstance(string id)
    {
        Assert.Same(TimeZones.Find(id), TimeZones.Find(id));
    }

    private static DateTime Utc(string value) =>
        DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
