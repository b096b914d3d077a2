using ReviewFlow.Domain.Scheduling;
using ReviewFlow.Integrations.Calendar;
using ReviewFlow.Integrations.Tests.Support;
using ReviewFlow.Testing;

using Xunit;

namespace ReviewFlow.Integrations.Tests.Calendar;

/// <summary>
/// A dev calendar that owns its table (<see cref="DevAdapterOptions.OwnsTables"/>) reads it once, when created, and
/// answers reads from memory; what it writes is what a calendar reading the table finds.
/// </summary>
public sealed class DevCalendarOwnedTableTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string Mark = "mark@example.test";
    private const string Priya = "priya@example.test";

    private static readonly DateTime Day = new(2027, 1, 5, 0, 0, 0, DateTimeKind.Utc);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task BookAnswerCancel_FromMemory_LeavesTheTableAsACalendarReadingItFindsIt()
    {
        var (owned, reader) = await CalendarsAsync();

        var first = await owned.CreateEventAsync(Review(Day.AddHours(10)), "k-1", CancellationToken.None);
        Assert.Equal(first.Id, (await owned.CreateEventAsync(Review(Day.AddHours(11)), "k-1", CancellationToken.None)).Id); // a repeat: the first one
        await Assert.ThrowsAsync<SlotTakenException>(() => owned.CreateEventAsync(Review(Day.AddHours(10)), "k-2", CancellationToken.None));
        await owned.SetAttendeeResponseAsync(Mark, first.Id, Priya, AttendeeResponse.Declined, CancellationToken.None);
        Assert.Equal(AttendeeResponse.Declined, await owned.GetAttendeeResponseAsync(Mark, first.Id, Priya, CancellationToken.None));

        // The table says the same: one meeting, the answer, then the cancellation, which frees the slot.
        Assert.Equal([new TimeRange(first.StartUtc, first.EndUtc)], await reader.GetBusyAsync(Priya, Day, Day.AddDays(1), CancellationToken.None));
        Assert.Equal(AttendeeResponse.Declined, await reader.GetAttendeeResponseAsync(Mark, first.Id, Priya, CancellationToken.None));
        await owned.CancelEventAsync(Mark, first.Id, "rebooked", CancellationToken.None);
        Assert.Empty(await owned.GetBusyAsync(Mark, Day, Day.AddDays(1), CancellationToken.None));
        var again = await owned.CreateEventAsync(Review(Day.AddHours(10)), "k-3", CancellationToken.None);
        Assert.Equal([new TimeRange(again.StartUtc, again.EndUtc)], await reader.GetBusyAsync(Mark, Day, Day.AddDays(1), CancellationToken.None));
        Assert.Equal(AttendeeResponse.Declined, await owned.GetAttendeeResponseAsync(Mark, first.Id, Priya, CancellationToken.None)); // answers survive the cancel
    }

    [Fact]
    public async Task RowsWrittenBeforeItWasCreated_AreReadOnce_AndLaterForeignWritesAreNotRead_YetAnOverlapIsStillRefused()
    {
        var options = DevAdapters.Options(_directory.Path);
        var other = await DevAdapters.CalendarAsync(azurite, options, DevAdapters.Clock());
        var earlier = await other.CreateEventAsync(Review(Day.AddHours(9)), "k-earlier", CancellationToken.None);
        await other.SetAttendeeResponseAsync(Mark, earlier.Id, Priya, AttendeeResponse.Accepted, CancellationToken.None);

        var owned = await DevAdapters.CalendarAsync(azurite, Owning(options), DevAdapters.Clock());
        Assert.Equal([new TimeRange(earlier.StartUtc, earlier.EndUtc)], await owned.GetBusyAsync(Mark, Day, Day.AddDays(1), CancellationToken.None));
        Assert.Equal(AttendeeResponse.Accepted, await owned.GetAttendeeResponseAsync(Mark, earlier.Id, Priya, CancellationToken.None));
        Assert.Equal(earlier.Id, (await owned.CreateEventAsync(Review(Day.AddHours(15)), "k-earlier", CancellationToken.None)).Id);

        // Written behind its back (which an owner's table never is): not read, so not in free/busy...
        var nextWeek = Day.AddDays(7);
        await other.AddBusyAsync(Mark, new TimeRange(nextWeek.AddHours(9), nextWeek.AddHours(17)), "Offsite", CancellationToken.None);
        Assert.Empty(await owned.GetBusyAsync(Mark, nextWeek, nextWeek.AddDays(1), CancellationToken.None));

        // ...but the write that would overlap it finds the bucket taken, reads it, and refuses.
        await Assert.ThrowsAsync<SlotTakenException>(() => owned.CreateEventAsync(Review(nextWeek.AddHours(10)), "k-offsite", CancellationToken.None));
    }

    private async Task<(DevCalendar Owned, DevCalendar Reader)> CalendarsAsync()
    {
        var options = DevAdapters.Options(_directory.Path);
        var owned = await DevAdapters.CalendarAsync(azurite, Owning(options), DevAdapters.Clock());
        return (owned, await DevAdapters.CalendarAsync(azurite, options, DevAdapters.Clock()));
    }

    private static DevAdapterOptions Owning(DevAdapterOptions options) => new()
    {
        OutboxDirectory = options.OutboxDirectory,
        TablePrefix = options.TablePrefix,
        JournalTableName = options.JournalTableName,
        OwnsTables = true,
    };

    private static NewCalendarEvent Review(DateTime start) =>
        new(Mark, [Priya], "Review", "Agenda: progress, what works, support.", start, start.AddMinutes(20), "review");
}
