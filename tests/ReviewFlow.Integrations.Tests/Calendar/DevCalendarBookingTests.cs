using Azure.Data.Tables;

using ReviewFlow.Domain.Scheduling;
using ReviewFlow.Integrations;
using ReviewFlow.Integrations.Calendar;
using ReviewFlow.Integrations.Tests.Support;
using ReviewFlow.Testing;

using Xunit;

namespace ReviewFlow.Integrations.Tests.Calendar;

/// <summary>Double-booking refusal and the week bucket layout of <see cref="DevCalendar"/>.</summary>
public sealed class DevCalendarBookingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string Mark = "mark@example.test";
    private const string Priya = "priya@example.test";
    private const string Sam = "sam@example.test";

    // Tuesday; its week's Monday is 2027-01-04.
    private static readonly DateTime Day = new(2027, 1, 5, 0, 0, 0, DateTimeKind.Utc);

    private readonly TempDirectory _directory = new();
    private DevAdapterOptions? _options;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task CreateEventAsync_TenConcurrentBookingsOfOneSlot_OneWinsAndNoHalfBookedMeetingRemains()
    {
        var calendar = await NewCalendarAsync();
        // Attendees sorting before and after the organiser: losers either fail first on the organiser or after
        // having written their attendee's bucket, which must be undone.
        string[] attendees = [.. Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? "a" : "z") + $"seller{i}@example.test")];
        var start = Day.AddHours(10);

        var outcomes = await Task.WhenAll(attendees.Select((attendee, i) => Task.Run(async () =>
        {
            try
            {
                return (Event: await calendar.CreateEventAsync(Meeting(attendee, start, 20), $"key-{i}", CancellationToken.None), Error: (Exception?)null);
            }
            catch (SlotTakenException e)
            {
                return (Event: (CalendarEvent?)null, Error: (Exception?)e);
            }
        })));

        var winner = Assert.Single(outcomes, o => o.Event is not null).Event!;
        Assert.Equal(9, outcomes.Count(o => o.Error is SlotTakenException));
        Assert.Equal(winner.Id, Assert.Single(await calendar.ListAsync(Mark, CancellationToken.None).ToListAsync()).Id);
        Assert.Single(await calendar.GetBusyAsync(Mark, Day, Day.AddDays(1), CancellationToken.None));
        foreach (string attendee in attendees)
        {
            var events = await calendar.ListAsync(attendee, CancellationToken.None).ToListAsync();
            if (winner.AttendeeEmails.Contains(attendee))
            {
                Assert.Equal(winner.Id, Assert.Single(events).Id);
            }
            else
            {
                Assert.Empty(events);
                Assert.Empty(await calendar.GetBusyAsync(attendee, Day, Day.AddDays(1), CancellationToken.None));
            }
        }
    }

    [Fact]
    public async Task CreateEventAsync_OverlappingSlot_IsRefusedNamingTheMailboxAndTime()
    {
        var calendar = await NewCalendarAsync();
        await calendar.CreateEventAsync(Meeting(Priya, Day.AddHours(10), 20), "k-1", CancellationToken.None);

        var error = await Assert.ThrowsAsync<SlotTakenException>(() =>
            calendar.CreateEventAsync(Meeting(Sam, Day.AddHours(10).AddMinutes(10), 20), "k-2", CancellationToken.None));

        Assert.Equal(Mark, error.Mailbox);
        Assert.Equal(Day.AddHours(10), error.TakenStartUtc);
        Assert.Contains(Mark, error.Message, StringComparison.Ordinal);
        Assert.Contains("2027-01-05T10:10:00Z", error.Message, StringComparison.Ordinal);
        Assert.Empty(await calendar.ListAsync(Sam, CancellationToken.None).ToListAsync());
        // Starting earlier and running into it is refused too, and so is a seeded busy block of an attendee.
        await Assert.ThrowsAsync<SlotTakenException>(() =>
            calendar.CreateEventAsync(Meeting(Sam, Day.AddHours(9).AddMinutes(50), 20), "k-3", CancellationToken.None));
        await calendar.AddBusyAsync(Sam, new TimeRange(Day.AddHours(14), Day.AddHours(15)), "Dentist", CancellationToken.None);
        var busy = await Assert.ThrowsAsync<SlotTakenException>(() =>
            calendar.CreateEventAsync(Meeting(Sam, Day.AddHours(14.5), 20), "k-4", CancellationToken.None));
        Assert.Equal(Sam, busy.Mailbox);
        Assert.Single(await calendar.ListAsync(Mark, CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task CreateEventAsync_BackToBackSlots_AreBothBooked()
    {
        var calendar = await NewCalendarAsync();

        await calendar.CreateEventAsync(Meeting(Priya, Day.AddHours(10), 20), "k-1", CancellationToken.None);
        await calendar.CreateEventAsync(Meeting(Sam, Day.AddHours(10).AddMinutes(20), 20), "k-2", CancellationToken.None);
        await calendar.CreateEventAsync(Meeting(Sam, Day.AddHours(9).AddMinutes(40), 20), "k-3", CancellationToken.None);

        Assert.Equal(
            [
                new TimeRange(Day.AddHours(9).AddMinutes(40), Day.AddHours(10)),
                new TimeRange(Day.AddHours(10), Day.AddHours(10).AddMinutes(20)),
                new TimeRange(Day.AddHours(10).AddMinutes(20), Day.AddHours(10).AddMinutes(40)),
            ],
            await calendar.GetBusyAsync(Mark, Day, Day.AddDays(1), CancellationToken.None));
    }

    [Fact]
    public async Task CreateEventAsync_RetriedKeyAfterItsSlotWasTaken_ReturnsTheFirstEvent()
    {
        var calendar = await NewCalendarAsync();
        var first = await calendar.CreateEventAsync(Meeting(Priya, Day.AddHours(10), 20), "k-priya", CancellationToken.None);
        await calendar.CreateEventAsync(Meeting(Sam, Day.AddHours(11), 20), "k-sam", CancellationToken.None);

        // A redelivery computes a slot again: the same one (now busy with itself) or one another meeting took.
        var same = await calendar.CreateEventAsync(Meeting(Priya, Day.AddHours(10), 20), "k-priya", CancellationToken.None);
        var moved = await calendar.CreateEventAsync(Meeting(Priya, Day.AddHours(11), 20), "k-priya", CancellationToken.None);

        Assert.Equal(first.Id, same.Id);
        Assert.Equal(first.Id, moved.Id);
        Assert.Equal(Day.AddHours(10), moved.StartUtc);
        Assert.Equal(2, await calendar.ListAsync(Mark, CancellationToken.None).CountAsync());
        Assert.Equal(Day.AddHours(10), Assert.Single(await calendar.ListAsync(Priya, CancellationToken.None).ToListAsync()).StartUtc);
    }

    [Fact]
    public async Task Event_AcrossAWeekBoundary_IsBusyInBothWeeksAndListedOnce()
    {
        var calendar = await NewCalendarAsync();
        var sunday = new DateTime(2027, 1, 10, 23, 50, 0, DateTimeKind.Utc);
        var created = await calendar.CreateEventAsync(Meeting(Priya, sunday, 20), "k-1", CancellationToken.None);
        var expected = new TimeRange(sunday, sunday.AddMinutes(20));

        Assert.Equal([expected], await calendar.GetBusyAsync(Mark, sunday.Date, sunday.Date.AddDays(1), CancellationToken.None));
        Assert.Equal([expected], await calendar.GetBusyAsync(Mark, sunday.Date.AddDays(1), sunday.Date.AddDays(2), CancellationToken.None));
        Assert.Equal([expected], await calendar.GetBusyAsync(Priya, sunday.AddDays(-3), sunday.AddDays(3), CancellationToken.None));
        Assert.Equal(created.Id, Assert.Single(await calendar.ListAsync(Mark, CancellationToken.None).ToListAsync()).Id);
        var rows = await RowKeysAsync(Mark);
        Assert.Equal([$"w20270104.{Mark}", $"w20270111.{Mark}"], rows);
        // Taken on the Monday side as well.
        await Assert.ThrowsAsync<SlotTakenException>(() =>
            calendar.CreateEventAsync(Meeting(Sam, sunday.AddMinutes(10), 20), "k-2", CancellationToken.None));
        // A Monday 00:00 end does not touch the next week.
        await calendar.AddBusyAsync(Sam, new TimeRange(sunday.AddHours(-1), sunday.AddMinutes(10)), "Late", CancellationToken.None);
        Assert.Equal([$"w20270104.{Sam}"], await RowKeysAsync(Sam));
    }

    [Fact]
    public async Task AddBusyAsync_LongBlock_IsFoundFromEveryWeekItCovers()
    {
        var calendar = await NewCalendarAsync();
        var block = new TimeRange(Day, Day.AddDays(20));
        await calendar.AddBusyAsync(Mark, block, "Leave", CancellationToken.None);

        Assert.Equal([block], await calendar.GetBusyAsync(Mark, Day.AddDays(15), Day.AddDays(16), CancellationToken.None));
        Assert.Equal([block], await calendar.GetBusyAsync(Mark, Day.AddDays(-400), Day.AddDays(400), CancellationToken.None));
        Assert.Empty(await calendar.GetBusyAsync(Mark, Day.AddDays(20), Day.AddDays(400), CancellationToken.None));
        Assert.Equal([$"w20270104.{Mark}", $"w20270111.{Mark}", $"w20270118.{Mark}"], await RowKeysAsync(Mark));
    }

    [Fact]
    public async Task Bucket_OverThirtyThousandCharacters_IsSplitAndRoundTrips()
    {
        var calendar = await NewCalendarAsync();
        var monday = new DateTime(2027, 1, 4, 0, 0, 0, DateTimeKind.Utc);
        var blocks = Enumerable.Range(0, 150).Select(i => new TimeRange(monday.AddMinutes(30 * i), monday.AddMinutes(30 * i + 20))).ToList();
        foreach (var (block, i) in blocks.Select((b, i) => (b, i)))
        {
            await calendar.AddBusyAsync(Mark, block, $"Block {i} " + new string('x', 100), CancellationToken.None);
        }

        var busy = await calendar.GetBusyAsync(Mark, monday, monday.AddDays(7), CancellationToken.None);
        Assert.Equal(blocks, busy);
        var entity = (await Table().GetEntityAsync<TableEntity>(Mark, $"w20270104.{Mark}")).Value;
        Assert.NotNull(entity.GetString("Data1"));
        Assert.All(entity.Keys.Where(k => k.StartsWith("Data", StringComparison.Ordinal)), k => Assert.True(entity.GetString(k)!.Length <= 30_000));

        // Still writable and checked once split: a clash is refused and a free slot is booked.
        await Assert.ThrowsAsync<SlotTakenException>(() =>
            calendar.CreateEventAsync(Meeting(Priya, monday.AddMinutes(30 * 149 + 10), 20), "k-clash", CancellationToken.None));
        var free = await calendar.CreateEventAsync(Meeting(Priya, monday.AddMinutes(30 * 149 + 20), 10), "k-free", CancellationToken.None);
        var listed = await calendar.ListAsync(Mark, CancellationToken.None).ToListAsync();
        Assert.Equal(151, listed.Count);
        Assert.Equal(free.Id, listed[^1].Id);
    }

    [Fact]
    public async Task CreateEventAsync_BucketChangedByAnotherInstanceSinceItWasRead_IsStillRefused()
    {
        // Two processes over one table: the first has Mark's week in memory from a free/busy read when the second
        // books into it, so only the ETag check on write can tell the first that its copy is stale.
        var first = await NewCalendarAsync();
        var second = await DevAdapters.CalendarAsync(azurite, _options!, DevAdapters.Clock());
        var ten = Day.AddHours(10);
        Assert.Empty(await first.GetBusyAsync(Mark, Day, Day.AddDays(1), CancellationToken.None));

        await second.CreateEventAsync(Meeting(Priya, ten, 30), "k-second", CancellationToken.None);

        await Assert.ThrowsAsync<SlotTakenException>(() =>
            first.CreateEventAsync(Meeting(Sam, ten.AddMinutes(15), 30), "k-first", CancellationToken.None));
        Assert.Equal([new TimeRange(ten, ten.AddMinutes(30))], await first.GetBusyAsync(Mark, Day, Day.AddDays(1), CancellationToken.None));
        Assert.Empty(await second.GetBusyAsync(Sam, Day, Day.AddDays(1), CancellationToken.None));
    }

    [Fact]
    public async Task GetBusyAsync_AfterItsOwnBooking_ShowsIt()
    {
        var calendar = await NewCalendarAsync();
        var ten = Day.AddHours(10);
        Assert.Empty(await calendar.GetBusyAsync(Priya, Day, Day.AddDays(1), CancellationToken.None));

        await calendar.CreateEventAsync(Meeting(Priya, ten, 30), "k-1", CancellationToken.None);

        Assert.Equal([new TimeRange(ten, ten.AddMinutes(30))], await calendar.GetBusyAsync(Priya, Day, Day.AddDays(1), CancellationToken.None));
        await Assert.ThrowsAsync<SlotTakenException>(() =>
            calendar.CreateEventAsync(Meeting(Priya, ten.AddMinutes(10), 30), "k-2", CancellationToken.None));
    }

    private static NewCalendarEvent Meeting(string attendee, DateTime start, int minutes) =>
        new(Mark, [attendee], "Review", "Agenda: progress, what works, support.", start, start.AddMinutes(minutes), "review");

    private TableClient Table() =>
        new TableServiceClient(azurite.ConnectionString).GetTableClient(_options!.CalendarTableName);

    private async Task<List<string>> RowKeysAsync(string mailbox)
    {
        var rows = new List<string>();
        await foreach (var entity in Table().QueryAsync<TableEntity>(e => e.PartitionKey == mailbox))
        {
            rows.Add(entity.RowKey);
        }

        return rows;
    }

    private Task<DevCalendar> NewCalendarAsync()
    {
        _options = DevAdapters.Options(_directory.Path);
        return DevAdapters.CalendarAsync(azurite, _options, DevAdapters.Clock());
    }
}
