using ReviewFlow.Domain.Scheduling;
using ReviewFlow.Integrations.Calendar;
using ReviewFlow.Integrations.Tests.Support;
using ReviewFlow.Testing;

using Xunit;

using IcalCalendar = Ical.Net.Calendar;

namespace ReviewFlow.Integrations.Tests.Calendar;

/// <summary>Schedules, attendee answers and cancellation in <see cref="DevCalendar"/>.</summary>
public sealed class DevCalendarAnswersTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string Mark = "mark@example.test";
    private const string Priya = "priya@example.test";
    private const string Sam = "sam@example.test";

    private static readonly DateTime Day = new(2027, 1, 5, 0, 0, 0, DateTimeKind.Utc);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task GetSchedulesAsync_SeveralMailboxes_ReturnsEachOnesBusyInTheAskedOrderWithoutWorkingHours()
    {
        var calendar = await NewCalendarAsync();
        var review = await calendar.CreateEventAsync(Review(Priya, Day.AddHours(10)), "k-1", CancellationToken.None);
        var board = new TimeRange(Day.AddHours(14), Day.AddHours(15));
        await calendar.AddBusyAsync(Mark, board, "Board", CancellationToken.None);

        var schedules = await calendar.GetSchedulesAsync([Sam, "PRIYA@example.test", Mark], Day, Day.AddDays(1), CancellationToken.None);

        Assert.Equal([Sam, "PRIYA@example.test", Mark], schedules.Select(s => s.Email));
        Assert.Empty(schedules[0].Busy);
        Assert.Equal([new TimeRange(review.StartUtc, review.EndUtc)], schedules[1].Busy);
        Assert.Equal([new TimeRange(review.StartUtc, review.EndUtc), board], schedules[2].Busy);
        Assert.All(schedules, s => Assert.Null(s.WorkingHours));
        Assert.All(schedules, s => Assert.Null(s.WorkingHoursZone));
    }

    [Fact]
    public async Task GetAttendeeResponseAsync_NoAnswerStored_ReturnsNone()
    {
        var calendar = await NewCalendarAsync();
        var review = await calendar.CreateEventAsync(Review(Priya, Day.AddHours(10)), "k-1", CancellationToken.None);

        Assert.Equal(AttendeeResponse.None, await calendar.GetAttendeeResponseAsync(Mark, review.Id, Priya, CancellationToken.None));
    }

    [Fact]
    public async Task SetAttendeeResponseAsync_TwoAttendeesAnswerAtOnce_BothAnswersAreReadBack()
    {
        var calendar = await NewCalendarAsync();
        var meeting = Review(Priya, Day.AddHours(10)) with { AttendeeEmails = [Priya, Sam] };
        var review = await calendar.CreateEventAsync(meeting, "k-1", CancellationToken.None);

        await Task.WhenAll(
            Task.Run(() => calendar.SetAttendeeResponseAsync(Mark, review.Id, Priya, AttendeeResponse.Declined, CancellationToken.None)),
            Task.Run(() => calendar.SetAttendeeResponseAsync("MARK@example.test", review.Id, Sam, AttendeeResponse.TentativelyAccepted, CancellationToken.None)));

        Assert.Equal(AttendeeResponse.Declined, await calendar.GetAttendeeResponseAsync(Mark, review.Id, "Priya@Example.test", CancellationToken.None));
        Assert.Equal(AttendeeResponse.TentativelyAccepted, await calendar.GetAttendeeResponseAsync(Mark, review.Id, Sam, CancellationToken.None));
    }

    [Fact]
    public async Task SetAttendeeResponseAsync_ChangedAnswer_KeepsTheLatest()
    {
        var calendar = await NewCalendarAsync();
        var review = await calendar.CreateEventAsync(Review(Priya, Day.AddHours(10)), "k-1", CancellationToken.None);

        await calendar.SetAttendeeResponseAsync(Mark, review.Id, Priya, AttendeeResponse.Declined, CancellationToken.None);
        await calendar.SetAttendeeResponseAsync(Mark, review.Id, Priya, AttendeeResponse.Accepted, CancellationToken.None);

        Assert.Equal(AttendeeResponse.Accepted, await calendar.GetAttendeeResponseAsync(Mark, review.Id, Priya, CancellationToken.None));
    }

    [Fact]
    public async Task SetAttendeeResponseAsync_AddressNotInvited_ThrowsNamingIt()
    {
        var calendar = await NewCalendarAsync();
        var review = await calendar.CreateEventAsync(Review(Priya, Day.AddHours(10)), "k-1", CancellationToken.None);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            calendar.SetAttendeeResponseAsync(Mark, review.Id, Sam, AttendeeResponse.Declined, CancellationToken.None));

        Assert.Contains(Sam, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAttendeeResponseAsync_UnknownIdOrAnotherOrganiser_ThrowsNotFound()
    {
        var calendar = await NewCalendarAsync();
        var review = await calendar.CreateEventAsync(Review(Priya, Day.AddHours(10)), "k-1", CancellationToken.None);

        var unknown = await Assert.ThrowsAsync<CalendarEventNotFoundException>(() =>
            calendar.GetAttendeeResponseAsync(Mark, "ev-unknown", Priya, CancellationToken.None));
        var otherOrganiser = await Assert.ThrowsAsync<CalendarEventNotFoundException>(() =>
            calendar.GetAttendeeResponseAsync("lee@example.test", review.Id, Priya, CancellationToken.None));

        Assert.Equal("ev-unknown", unknown.EventId);
        Assert.Equal("lee@example.test", otherOrganiser.OrganizerEmail);
    }

    [Fact]
    public async Task CancelEventAsync_BookedSlot_FreesItForBothSoANewBookingTakesIt()
    {
        var calendar = await NewCalendarAsync();
        var review = await calendar.CreateEventAsync(Review(Priya, Day.AddHours(10)), "k-1", CancellationToken.None);
        await Assert.ThrowsAsync<SlotTakenException>(() =>
            calendar.CreateEventAsync(Review(Priya, Day.AddHours(10)), "k-2", CancellationToken.None));

        await calendar.CancelEventAsync(Mark, review.Id, "Moved to next week", CancellationToken.None);

        var schedules = await calendar.GetSchedulesAsync([Mark, Priya], Day, Day.AddDays(1), CancellationToken.None);
        Assert.All(schedules, s => Assert.Empty(s.Busy));
        Assert.Empty(await calendar.ListAsync(Mark, CancellationToken.None).ToListAsync());
        var rebooked = await calendar.CreateEventAsync(Review(Priya, Day.AddHours(10)), "k-2", CancellationToken.None);
        Assert.NotEqual(review.Id, rebooked.Id);
        Assert.Equal(rebooked.Id, Assert.Single(await calendar.ListAsync(Priya, CancellationToken.None).ToListAsync()).Id);
    }

    [Fact]
    public async Task CancelEventAsync_AlreadyCancelledOrUnknown_DoesNotThrow()
    {
        var calendar = await NewCalendarAsync();
        var review = await calendar.CreateEventAsync(Review(Priya, Day.AddHours(10)), "k-1", CancellationToken.None);

        await calendar.CancelEventAsync(Mark, review.Id, "Cancelled", CancellationToken.None);
        await calendar.CancelEventAsync(Mark, review.Id, "Cancelled again", CancellationToken.None);
        await calendar.CancelEventAsync(Mark, "ev-unknown", "Never existed", CancellationToken.None);

        Assert.Empty(Assert.Single(await calendar.GetSchedulesAsync([Priya], Day, Day.AddDays(1), CancellationToken.None)).Busy);
    }

    [Fact]
    public async Task CancelEventAsync_AnotherOrganiser_LeavesTheEventBooked()
    {
        var calendar = await NewCalendarAsync();
        var review = await calendar.CreateEventAsync(Review(Priya, Day.AddHours(10)), "k-1", CancellationToken.None);

        await calendar.CancelEventAsync("lee@example.test", review.Id, "Not mine", CancellationToken.None);

        Assert.Single(Assert.Single(await calendar.GetSchedulesAsync([Mark], Day, Day.AddDays(1), CancellationToken.None)).Busy);
    }

    [Fact]
    public async Task ExportIcsAsync_CancelledMeeting_IsWrittenWithStatusCancelled()
    {
        var calendar = await NewCalendarAsync();
        var cancelled = await calendar.CreateEventAsync(Review(Priya, Day.AddHours(10)), "k-1", CancellationToken.None);
        var kept = await calendar.CreateEventAsync(Review(Priya, Day.AddHours(11)), "k-2", CancellationToken.None);
        await calendar.CancelEventAsync(Mark, cancelled.Id, "Moved", CancellationToken.None);

        var paths = await calendar.ExportIcsAsync(_directory.Path, CancellationToken.None);

        Assert.Equal(2, paths.Count);
        foreach (string path in paths)
        {
            var ics = IcalCalendar.Load(await File.ReadAllTextAsync(path))!;
            Assert.Equal("CANCELLED", ics.Events.Single(e => e.Uid == cancelled.Id).Status);
            Assert.NotEqual("CANCELLED", ics.Events.Single(e => e.Uid == kept.Id).Status);
        }
    }

    private static NewCalendarEvent Review(string attendee, DateTime start) =>
        new(Mark, [attendee], "Review", "Agenda: progress, what works, support.", start, start.AddMinutes(20), "review");

    private Task<DevCalendar> NewCalendarAsync() =>
        DevAdapters.CalendarAsync(azurite, DevAdapters.Options(_directory.Path), DevAdapters.Clock());
}
