using ReviewFlow.Domain.People;
using ReviewFlow.Domain.Scheduling;

using Xunit;

using static ReviewFlow.Domain.Tests.Scheduling.SlotRequestBuilder;

namespace ReviewFlow.Domain.Tests.Scheduling;

public sealed class SlotFinderTests
{
    [Theory]
    // Winter: London 09:00-17:30 is 09:00-17:30 UTC, New York 09:00-17:00 is 14:00-22:00 UTC.
    [InlineData("Europe/London", "America/New_York", "2027-01-05T00:00:00Z", 20, "2027-01-05T14:00:00Z")]
    [InlineData("America/New_York", "Europe/London", "2027-01-05T00:00:00Z", 20, "2027-01-05T14:00:00Z")]
    [InlineData("Europe/London", "America/New_York", "2027-01-05T14:07:00Z", 20, "2027-01-05T14:15:00Z")] // next quarter-hour
    [InlineData("Europe/London", "America/New_York", "2027-01-05T17:20:00Z", 20, "2027-01-06T14:00:00Z")] // would run past 17:30
    [InlineData("Europe/London", "America/New_York", "2027-01-08T17:15:00Z", 20, "2027-01-11T14:00:00Z")] // Friday: Monday
    // Kolkata (+05:30) 09:00-17:30 is 03:30-12:00 UTC.
    [InlineData("Europe/London", "Asia/Kolkata", "2027-01-05T00:00:00Z", 20, "2027-01-05T09:00:00Z")]
    [InlineData("Asia/Kolkata", "Europe/London", "2027-01-05T11:30:00Z", 20, "2027-01-05T11:30:00Z")] // 17:00-17:20 IST
    [InlineData("Asia/Kolkata", "Europe/London", "2027-01-05T11:45:00Z", 20, "2027-01-06T09:00:00Z")]
    // Windows ids: London and Pacific share only 17:00-17:30 UTC in winter.
    [InlineData("GMT Standard Time", "Pacific Standard Time", "2027-01-05T00:00:00Z", 20, "2027-01-05T17:00:00Z")]
    [InlineData("GMT Standard Time", "Pacific Standard Time", "2027-01-05T00:00:00Z", 30, "2027-01-05T17:00:00Z")]
    // New York is on summer time from 2027-03-14, London from 2027-03-28.
    [InlineData("Europe/London", "America/New_York", "2027-03-16T00:00:00Z", 20, "2027-03-16T13:00:00Z")] // 09:00 GMT / 09:00 EDT
    [InlineData("Europe/London", "America/New_York", "2027-03-26T17:15:00Z", 20, "2027-03-29T13:00:00Z")] // across the UK change
    [InlineData("Europe/London", "America/Los_Angeles", "2027-03-22T00:00:00Z", 20, "2027-03-22T16:00:00Z")]
    [InlineData("Europe/London", "America/Los_Angeles", "2027-03-30T00:00:00Z", 30, "2027-03-30T16:00:00Z")] // 16:00-16:30 UTC only
    [InlineData("Europe/London", "America/Los_Angeles", "2027-03-30T16:05:00Z", 20, "2027-03-31T16:00:00Z")]
    public void Find_DifferentZones_FirstQuarterHourInsideBothWorkingDays(
        string organizerZone, string attendeeZone, string windowStart, int minutes, string expected)
    {
        var request = new SlotRequestBuilder()
            .Organizer(organizerZone)
            .Attendee(attendeeZone, "09:00-17:00")
            .Window(windowStart, "2027-04-10T00:00:00Z")
            .Minutes(minutes)
            .Build();

        AssertSlot(expected, request);
    }

    [Theory]
    [InlineData("o 05 14:00-15:00", "2027-01-05T15:00:00Z")]
    [InlineData("a 05 13:00-14:10", "2027-01-05T14:15:00Z")] // the next quarter-hour after the block
    [InlineData("o 05 14:00-15:00; a 05 14:30-16:00", "2027-01-05T16:00:00Z")] // overlapping blocks of both
    [InlineData("a 05 14:30-16:00; o 05 14:00-15:00", "2027-01-05T16:00:00Z")] // in any order
    [InlineData("o 05 14:00-15:00; o 05 15:00-16:00; a 05 16:00-17:15", "2027-01-06T14:00:00Z")] // pushed to the next day
    [InlineData("a 05 12:00-14:00", "2027-01-05T14:00:00Z")] // ends as the meeting starts
    [InlineData("o 05 14:20-15:00", "2027-01-05T14:00:00Z")] // starts as the meeting ends
    [InlineData("o 05 14:10-14:15", "2027-01-05T14:15:00Z")]
    [InlineData("o 05 00:00-23:59; a 06 14:00-17:30", "2027-01-07T14:00:00Z")]
    [InlineData("o 04 14:00-18:00", "2027-01-05T14:00:00Z")] // before the window
    public void Find_BusyBlocks_PushTheSlotPastThem(string busy, string expected)
    {
        var request = new SlotRequestBuilder()
            .Attendee("America/New_York", "09:00-17:00")
            .Busy(busy)
            .Build();

        AssertSlot(expected, request);
    }

    [Theory]
    // Window Monday 2027-01-11 to Saturday 2027-01-16; Mark in London 09:00-17:30, Priya in London 08:30-17:00.
    [InlineData(DayOfWeek.Wednesday, "10:00", "", "2027-01-13T10:00:00Z")] // kept when free
    [InlineData(DayOfWeek.Wednesday, "10:07", "", "2027-01-13T10:07:00Z")] // kept as is, off the quarter-hour
    [InlineData(DayOfWeek.Friday, "16:40", "", "2027-01-15T16:40:00Z")] // ends at Priya's 17:00
    [InlineData(DayOfWeek.Wednesday, "10:00", "o 13 10:00-11:00", "2027-01-11T09:00:00Z")] // busy: earliest free
    [InlineData(DayOfWeek.Wednesday, "10:00", "a 13 10:10-10:30", "2027-01-11T09:00:00Z")]
    [InlineData(DayOfWeek.Wednesday, "10:00", "o 11 00:00-23:59; a 12 09:00-17:00", "2027-01-13T10:00:00Z")]
    [InlineData(DayOfWeek.Wednesday, "10:00", "o 11 00:00-23:59; o 13 10:00-11:00", "2027-01-12T09:00:00Z")]
    [InlineData(DayOfWeek.Wednesday, "19:00", "", "2027-01-11T09:00:00Z")] // outside working hours
    [InlineData(DayOfWeek.Friday, "16:50", "", "2027-01-11T09:00:00Z")] // would run past Priya's 17:00
    [InlineData(DayOfWeek.Monday, "08:45", "", "2027-01-11T09:00:00Z")] // before Mark's day
    [InlineData(DayOfWeek.Saturday, "10:00", "", "2027-01-11T09:00:00Z")] // not a working day
    public void Find_PreferredSlot_KeptWhenFreeOtherwiseEarliest(DayOfWeek day, string time, string busy, string expected)
    {
        var request = new SlotRequestBuilder()
            .Attendee("Europe/London", "08:30-17:00")
            .Window("2027-01-11T00:00:00Z", "2027-01-16T00:00:00Z")
            .Preferred(day, time)
            .Busy(busy)
            .Build();

        AssertSlot(expected, request);
    }

    [Theory]
    [InlineData("2027-01-11T00:00:00Z", "", "2027-01-13T10:00:00Z")]
    [InlineData("2027-01-11T00:00:00Z", "o 13 10:00-11:00", "2027-01-20T10:00:00Z")] // the next Wednesday in the window
    [InlineData("2027-01-13T12:00:00Z", "", "2027-01-20T10:00:00Z")] // the first Wednesday's 10:00 is before the window
    [InlineData("2027-01-11T00:00:00Z", "o 13 10:00-11:00; a 20 09:45-10:15", "2027-01-11T09:00:00Z")]
    public void Find_PreferredSlotOverTwoWeeks_TriesEachMatchingDayInOrder(string windowStart, string busy, string expected)
    {
        var request = new SlotRequestBuilder()
            .Window(windowStart, "2027-01-23T00:00:00Z")
            .Preferred(DayOfWeek.Wednesday, "10:00")
            .Busy(busy)
            .Build();

        AssertSlot(expected, request);
    }

    [Theory]
    // The previous review was Friday 10:00 London (GMT); after 2027-03-28 that wall time is 09:00 UTC.
    [InlineData("Europe/London", "2027-03-26T10:00:00Z", "2027-03-29T00:00:00Z", "2027-04-02T09:00:00Z")]
    // Friday 09:00 New York (EST); after 2027-03-14 that wall time is 13:00 UTC.
    [InlineData("America/New_York", "2027-03-12T14:00:00Z", "2027-03-15T00:00:00Z", "2027-03-19T13:00:00Z")]
    public void Find_PreferredSlotAcrossDstChange_KeepsTheOrganizersWallClock(
        string organizerZone, string previous, string windowStart, string expected)
    {
        var preferred = PreferredSlot.Of(Utc(previous), TimeZones.Find(organizerZone));
        var request = new SlotRequestBuilder()
            .Organizer(organizerZone)
            .Attendee("Europe/London")
            .Window(windowStart, Utc(windowStart).AddDays(6).ToString("O", System.Globalization.CultureInfo.InvariantCulture))
            .Preferred(preferred)
            .Build();

        AssertSlot(expected, request);
    }

    [Theory]
    // 01:30 does not exist in London on 2027-03-28: the preferred time is skipped, not guessed.
    [InlineData("2027-03-28T00:00:00Z", "2027-03-29T00:00:00Z", "2027-03-28T00:00:00Z")]
    [InlineData("2027-03-21T00:00:00Z", "2027-03-29T00:00:00Z", "2027-03-21T01:30:00Z")] // the Sunday before is fine
    // 01:30 happens twice on 2027-10-31: the first occurrence (BST, 00:30 UTC) is taken.
    [InlineData("2027-10-31T00:00:00Z", "2027-11-01T00:00:00Z", "2027-10-31T00:30:00Z")]
    [InlineData("2027-10-31T00:30:00Z", "2027-11-01T00:00:00Z", "2027-10-31T00:30:00Z")]
    [InlineData("2027-10-31T00:35:00Z", "2027-11-01T00:00:00Z", "2027-10-31T01:30:00Z")] // the second occurrence
    public void Find_PreferredLocalTimeInDstChange_SkipsMissingTimeAndTakesFirstRepeat(
        string windowStart, string windowEnd, string expected)
    {
        var request = new SlotRequestBuilder()
            .Organizer("Europe/London", "00:00-23:59", everyDay: true)
            .Attendee("Europe/London", "00:00-23:59", everyDay: true)
            .Window(windowStart, windowEnd)
            .Preferred(DayOfWeek.Sunday, "01:30")
            .Build();

        AssertSlot(expected, request);
    }

    [Theory]
    [InlineData("Europe/London", "Asia/Tokyo", "2027-01-05T00:00:00Z", "2027-01-12T00:00:00Z", 20, "")] // no shared hours
    [InlineData("Asia/Kolkata", "America/New_York", "2027-01-05T00:00:00Z", "2027-01-12T00:00:00Z", 20, "")]
    [InlineData("GMT Standard Time", "Pacific Standard Time", "2027-01-05T00:00:00Z", "2027-01-12T00:00:00Z", 45, "")] // 30 min shared
    [InlineData("Europe/London", "America/New_York", "2027-01-05T14:00:00Z", "2027-01-05T14:10:00Z", 20, "")] // window too short
    [InlineData("Europe/London", "America/New_York", "2027-01-05T14:00:00Z", "2027-01-05T14:00:00Z", 20, "")] // empty window
    [InlineData("Europe/London", "America/New_York", "2027-01-06T00:00:00Z", "2027-01-05T00:00:00Z", 20, "")] // reversed window
    [InlineData("Europe/London", "America/New_York", "2027-01-09T00:00:00Z", "2027-01-11T00:00:00Z", 20, "")] // weekend
    [InlineData("Europe/London", "America/New_York", "2027-01-05T00:00:00Z", "2027-01-06T00:00:00Z", 20, "a 05 14:00-17:30")]
    [InlineData("Europe/London", "America/New_York", "2027-01-05T00:00:00Z", "2027-01-06T00:00:00Z", 20, "o 05 14:00-14:30; a 05 14:30-17:15")]
    public void Find_NothingFits_ReturnsNull(
        string organizerZone, string attendeeZone, string windowStart, string windowEnd, int minutes, string busy)
    {
        var request = new SlotRequestBuilder()
            .Organizer(organizerZone)
            .Attendee(attendeeZone, "09:00-17:00")
            .Window(windowStart, windowEnd)
            .Minutes(minutes)
            .Busy(busy)
            .Build();

        Assert.Null(SlotFinder.Find(request));
    }

    [Fact]
    public void Find_AttendeeWithoutWorkingDays_ReturnsNull()
    {
        var priya = Person("priya", "Europe/London");
        var attendee = priya with { WorkingHours = priya.WorkingHours with { Days = [] } };

        Assert.Null(SlotFinder.Find(new SlotRequestBuilder().Attendee(attendee).Build()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-20)]
    public void Find_LengthNotPositive_ThrowsArgumentOutOfRange(int minutes)
    {
        var request = new SlotRequestBuilder().Minutes(minutes).Build();

        Assert.Throws<ArgumentOutOfRangeException>(() => SlotFinder.Find(request));
    }

    [Fact]
    public void Find_UnknownTimeZone_ThrowsArgumentExceptionNamingIt()
    {
        var request = new SlotRequestBuilder().Organizer("Mars/Olympus_Mons").Build();

        var error = Assert.Throws<ArgumentException>(() => SlotFinder.Find(request));
        Assert.Contains("Mars/Olympus_Mons", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Europe/London", "America/New_York")]
    [InlineData("Asia/Kolkata", "Europe/London")]
    [InlineData("America/Los_Angeles", "America/New_York")]
    public void Find_EveryWeekOfAYear_SlotSatisfiesEveryConstraint(string organizerZone, string attendeeZone)
    {
        var organizer = TimeZones.Find(organizerZone);
        var attendee = TimeZones.Find(attendeeZone);
        var found = 0;
        for (var monday = Utc("2027-01-04T00:00:00Z"); monday.Year == 2027; monday = monday.AddDays(7))
        {
            var builder = new SlotRequestBuilder()
                .Organizer(organizerZone)
                .Attendee(attendeeZone, "08:30-17:00")
                .Window(monday.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    monday.AddDays(7).ToString("O", System.Globalization.CultureInfo.InvariantCulture))
                .Busy("o 04 00:00-23:59");
            var request = builder.Build();

            var slot = SlotFinder.Find(request);

            Assert.NotNull(slot);
            found++;
            Assert.Equal(request.Length, slot.End - slot.Start);
            Assert.True(slot.Start >= request.WindowStart && slot.End <= request.WindowEnd);
            Assert.True(request.Organizer.WorkingHours.Covers(slot.Start, request.Length, organizer));
            Assert.True(request.Attendee.WorkingHours.Covers(slot.Start, request.Length, attendee));
            Assert.DoesNotContain(request.OrganizerBusy.Concat(request.AttendeeBusy), b => b.Overlaps(slot));
            Assert.Equal(0, TimeZoneInfo.ConvertTimeFromUtc(slot.Start, organizer).Minute % 15);
        }

        Assert.Equal(52, found);
    }

    private static void AssertSlot(string expectedStart, SlotRequest request)
    {
        var slot = SlotFinder.Find(request);

        Assert.NotNull(slot);
        Assert.Equal(Utc(expectedStart), slot.Start);
        Assert.Equal(Utc(expectedStart) + request.Length, slot.End);
    }
}
