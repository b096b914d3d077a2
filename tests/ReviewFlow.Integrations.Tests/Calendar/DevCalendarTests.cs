using ReviewFlow.Domain.Scheduling;
using ReviewFlow.Integrations.Calendar;
using ReviewFlow.Integrations.Tests.Support;
using ReviewFlow.Testing;

using Xunit;

using IcalCalendar = Ical.Net.Calendar;

namespace ReviewFlow.Integrations.Tests.Calendar;

public sealed class DevCalendarTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string Mark = "mark@example.test";
    private const string Priya = "priya@example.test";
    private const string Sam = "sam@example.test";

    private static readonly DateTime Day = new(2027, 1, 5, 0, 0, 0, DateTimeKind.Utc);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task CreateEventAsync_SameKeyTwice_StoresOneEventAndReturnsIt()
    {
        var calendar = await NewCalendarAsync();
        var meeting = Review(Priya, Day.AddHours(10), "Review");

        var first = await calendar.CreateEventAsync(meeting, "cycle-priya:1:4", CancellationToken.None);
        var second = await calendar.CreateEventAsync(meeting with { Subject = "changed" }, "cycle-priya:1:4", CancellationToken.None);

        Assert.Equal(first, second with { AttendeeEmails = first.AttendeeEmails });
        Assert.Equal(first.AttendeeEmails, second.AttendeeEmails);
        Assert.Equal("Review", second.Subject);
        var markEvents = await calendar.ListAsync(Mark, CancellationToken.None).ToListAsync();
        var priyaEvents = await calendar.ListAsync(Priya, CancellationToken.None).ToListAsync();
        Assert.Equal(first.Id, Assert.Single(markEvents).Id);
        Assert.Equal(first.Id, Assert.Single(priyaEvents).Id);
    }

    [Fact]
    public async Task CreateEventAsync_SameKeyConcurrently_ConvergesOnOneEvent()
    {
        var calendar = await NewCalendarAsync();
        var meeting = Review(Priya, Day.AddHours(10), "Review");

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            Task.Run(() => calendar.CreateEventAsync(meeting, "same-key", CancellationToken.None))));

        Assert.Single(results.Select(r => r.Id).Distinct());
        Assert.Single(await calendar.ListAsync(Priya, CancellationToken.None).ToListAsync());
        Assert.Single(await calendar.GetBusyAsync(Mark, Day, Day.AddDays(1), CancellationToken.None));
    }

    [Fact]
    public async Task CreateEventAsync_DifferentKeys_StoresBoth()
    {
        var calendar = await NewCalendarAsync();

        var a = await calendar.CreateEventAsync(Review(Priya, Day.AddHours(10), "A"), "k-a", CancellationToken.None);
        // Another slot: the same slot is now refused (see DevCalendarBookingTests).
        var b = await calendar.CreateEventAsync(Review(Priya, Day.AddHours(11), "B"), "k-b", CancellationToken.None);

        Assert.NotEqual(a.Id, b.Id);
        Assert.Equal(2, await calendar.ListAsync(Mark, CancellationToken.None).CountAsync());
    }

    [Fact]
    public async Task CreateEventAsync_EndBeforeStart_Throws()
    {
        var calendar = await NewCalendarAsync();
        var meeting = Review(Priya, Day.AddHours(10), "Review") with { EndUtc = Day.AddHours(9) };

        await Assert.ThrowsAsync<ArgumentException>(() => calendar.CreateEventAsync(meeting, "k", CancellationToken.None));
    }

    [Fact]
    public async Task GetBusyAsync_MixedEvents_ReturnsOverlappingBlocksOfThatMailboxSorted()
    {
        var calendar = await NewCalendarAsync();
        // Mark's calendar: an evening block from the day before that runs into the window, a review inside it,
        // one ending exactly at the window start (adjacent, not overlapping), and one the next day.
        await calendar.AddBusyAsync(Mark, new TimeRange(Day.AddHours(-2), Day.AddHours(9.5)), "Travel", CancellationToken.None);
        await calendar.CreateEventAsync(Review(Priya, Day.AddHours(11), "Review Priya"), "k-1", CancellationToken.None);
        await calendar.AddBusyAsync(Mark, new TimeRange(Day.AddHours(8), Day.AddHours(9)), "Early", CancellationToken.None);
        await calendar.AddBusyAsync(Mark, new TimeRange(Day.AddDays(1).AddHours(10), Day.AddDays(1).AddHours(11)), "Tomorrow", CancellationToken.None);
        // Sam's meeting with another manager must not show in Mark's free/busy.
        await calendar.CreateEventAsync(
            new NewCalendarEvent("lee@example.test", [Sam], "Other team", "", Day.AddHours(13), Day.AddHours(14), "review"), "k-2", CancellationToken.None);

        var busy = await calendar.GetBusyAsync(Mark, Day.AddHours(9), Day.AddHours(17), CancellationToken.None);

        Assert.Equal(
            [new TimeRange(Day.AddHours(-2), Day.AddHours(9.5)), new TimeRange(Day.AddHours(11), Day.AddHours(11).AddMinutes(20))],
            busy);
        Assert.All(busy, r => Assert.Equal(DateTimeKind.Utc, r.Start.Kind));
    }

    [Fact]
    public async Task GetBusyAsync_Attendee_SeesTheMeetingToo()
    {
        var calendar = await NewCalendarAsync();
        await calendar.CreateEventAsync(Review(Priya, Day.AddHours(11), "Review"), "k-1", CancellationToken.None);

        var priya = await calendar.GetBusyAsync("PRIYA@example.test", Day, Day.AddDays(1), CancellationToken.None);
        var sam = await calendar.GetBusyAsync(Sam, Day, Day.AddDays(1), CancellationToken.None);

        Assert.Equal(Day.AddHours(11), Assert.Single(priya).Start);
        Assert.Empty(sam);
    }

    [Fact]
    public async Task AddBusyAsync_SameBlockTwice_StoresItOnceAsBusy()
    {
        var calendar = await NewCalendarAsync();
        var block = new TimeRange(Day.AddHours(9), Day.AddHours(12));

        await calendar.AddBusyAsync(Mark, block, "Board meeting", CancellationToken.None);
        await calendar.AddBusyAsync(Mark, block, "Board meeting", CancellationToken.None);

        var stored = Assert.Single(await calendar.ListAsync(Mark, CancellationToken.None).ToListAsync());
        Assert.Equal(DevCalendar.BusyKind, stored.Kind);
        Assert.Equal(block, Assert.Single(await calendar.GetBusyAsync(Mark, Day, Day.AddDays(1), CancellationToken.None)));
    }

    [Fact]
    public async Task ExportIcsAsync_EventsAndBusyBlocks_WritesOneParsableCalendarPerMailbox()
    {
        var calendar = await NewCalendarAsync();
        var review = await calendar.CreateEventAsync(Review(Priya, Day.AddHours(11), "Review, weeks 1–2"), "k-1", CancellationToken.None);
        await calendar.AddBusyAsync(Mark, new TimeRange(Day.AddHours(9), Day.AddHours(10)), "Board", CancellationToken.None);

        var paths = await calendar.ExportIcsAsync(_directory.Path, CancellationToken.None);

        Assert.Equal(
            [Path.Combine(_directory.Path, Mark + ".ics"), Path.Combine(_directory.Path, Priya + ".ics")],
            paths);
        var mark = IcalCalendar.Load(await File.ReadAllTextAsync(paths[0]))!;
        Assert.Equal(2, mark.Events.Count);
        var exported = mark.Events.Single(e => e.Uid == review.Id);
        Assert.Equal("Review, weeks 1–2", exported.Summary);
        Assert.Equal("Agenda: progress, what works, support.", exported.Description);
        Assert.Equal(Day.AddHours(11), exported.DtStart!.AsUtc);
        Assert.True(exported.DtStart.IsUtc);
        Assert.Equal(Day.AddHours(11).AddMinutes(20), exported.DtEnd!.AsUtc);
        Assert.Equal("mailto:" + Mark, exported.Organizer!.Value?.ToString());
        Assert.Equal("mailto:" + Priya, Assert.Single(exported.Attendees).Value?.ToString());
        Assert.Equal(["review"], exported.Categories);
        Assert.Equal(["busy"], mark.Events.Single(e => e.Uid != review.Id).Categories);
        var priya = IcalCalendar.Load(await File.ReadAllTextAsync(paths[1]))!;
        Assert.Equal(review.Id, Assert.Single(priya.Events).Uid);
    }

    private static NewCalendarEvent Review(string attendee, DateTime start, string subject) =>
        new(Mark, [attendee], subject, "Agenda: progress, what works, support.", start, start.AddMinutes(20), "review");

    private Task<DevCalendar> NewCalendarAsync() =>
        DevAdapters.CalendarAsync(azurite, DevAdapters.Options(_directory.Path), DevAdapters.Clock());
}
