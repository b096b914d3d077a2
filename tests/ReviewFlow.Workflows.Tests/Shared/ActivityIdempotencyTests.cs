using System.Globalization;
using System.Text.Json.Nodes;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

using ReviewFlow.Domain.People;
using ReviewFlow.Durable;
using ReviewFlow.Integrations;
using ReviewFlow.Integrations.Calendar;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Journal;
using ReviewFlow.Integrations.Links;
using ReviewFlow.Testing;
using ReviewFlow.Workflows.Shared;

using Xunit;

namespace ReviewFlow.Workflows.Tests.Shared;

/// <summary>
/// The side-effecting activities run at least once: a work item redelivered after a crash or a lost lease
/// arrives with the same <see cref="TaskActivityContext"/> (same instance, execution and task; a higher attempt).
/// Each must leave exactly one email, one meeting and one journal entry behind, on the real dev adapters.
/// </summary>
public sealed class ActivityIdempotencyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private static readonly DateTimeOffset Start = new(2027, 1, 4, 9, 30, 0, TimeSpan.Zero);

    private static readonly Person Mark = new("mark", "Mark Whitaker", "mark@example.test", "Europe/London", WorkingHours.Default);

    private static readonly Person Priya = new("priya", "Priya Shah", "priya@example.test", "Europe/London", WorkingHours.Default);

    private readonly string _outboxDirectory = Path.Combine(Path.GetTempPath(), "reviewflow-workflows-tests", Guid.NewGuid().ToString("N"));

    private readonly FakeTimeProvider _clock = new(Start);

    private ServiceProvider? _services;

    public void Dispose()
    {
        _services?.Dispose();
        try
        {
            if (Directory.Exists(_outboxDirectory))
            {
                Directory.Delete(_outboxDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    [Fact]
    public async Task SendEmail_RedeliveredWorkItem_SendsAndJournalsOnce()
    {
        var adapters = await AdaptersAsync();
        var activity = new SendEmail(adapters.Sender, adapters.Journal, new EmailLinkSigner(new ActionLinkSigner(ActionLinkOptions.WithEphemeralKey("https://reviewflow.example.test"), _clock), _clock));
        var cycle = NewCycleId();
        var first = Context(nameof(SendEmail), cycle, taskId: 3, attempt: 1);
        var command = Email(EmailTemplates.AgreementProposal, Priya);

        var subject1 = await activity.RunAsync(first, command);
        _clock.Advance(TimeSpan.FromMinutes(7)); // the redelivery comes later, after the lease ran out
        var subject2 = await activity.RunAsync(first with { Attempt = 2 }, command);

        Assert.Equal(subject1, subject2);
        Assert.Single(Directory.GetFiles(_outboxDirectory, "*.eml"));
        var row = Assert.Single(await adapters.OutboxRowsAsync());
        Assert.Equal("priya@example.test", row.To);
        Assert.Equal(EmailTemplates.AgreementProposal, row.Template);
        var entries = await adapters.Journal.ReadCycleAsync(cycle, CancellationToken.None);
        var sent = Assert.Single(entries, e => e.Type == "EmailSent");
        Assert.Equal("priya@example.test", sent.Data["to"]!.GetValue<string>());
        Assert.Single(entries, e => e.Type == "AgreementRequested");
        Assert.Single(entries, e => e.Type == "CycleStarted");
        Assert.Equal(3, entries.Count);
    }

    [Fact]
    public async Task SendEmail_DifferentTaskOfTheSameExecution_SendsASecondEmail()
    {
        var adapters = await AdaptersAsync();
        var activity = new SendEmail(adapters.Sender, adapters.Journal, new EmailLinkSigner(new ActionLinkSigner(ActionLinkOptions.WithEphemeralKey("https://reviewflow.example.test"), _clock), _clock));
        var cycle = NewCycleId();
        var command = Email(EmailTemplates.Reminder, Priya);

        await activity.RunAsync(Context(nameof(SendEmail), cycle, taskId: 3, attempt: 1), command);
        await activity.RunAsync(Context(nameof(SendEmail), cycle, taskId: 4, attempt: 1), command);

        Assert.Equal(2, Directory.GetFiles(_outboxDirectory, "*.eml").Length);
        Assert.Equal(2, (await adapters.OutboxRowsAsync()).Count);
        var entries = await adapters.Journal.ReadCycleAsync(cycle, CancellationToken.None);
        Assert.Equal(2, entries.Count(e => e.Type == "EmailSent"));
    }

    [Fact]
    public async Task BookMeeting_RedeliveredWorkItem_BooksOnceAndReturnsTheFirstSlot()
    {
        var adapters = await AdaptersAsync();
        var activity = new BookMeeting(adapters.Calendar, adapters.Journal);
        var cycle = NewCycleId();
        var first = Context(nameof(BookMeeting), cycle, taskId: 5, attempt: 1);
        var command = Meeting();

        var booked1 = await activity.RunAsync(first, command);
        Assert.NotNull(booked1);

        // The first meeting now makes its slot busy for both: a fresh search would pick another slot.
        var busyNow = Assert.Single(await adapters.Calendar.GetSchedulesAsync([Mark.Email], command.WindowStart, command.WindowEnd, CancellationToken.None)).Busy;
        Assert.Contains(busyNow, b => b.Start == booked1.Start && b.End == booked1.End);

        var booked2 = await activity.RunAsync(first with { Attempt = 2 }, command);

        Assert.NotNull(booked2);
        Assert.Equal(booked1, booked2);
        foreach (var person in new[] { Mark, Priya })
        {
            var events = await adapters.EventsAsync(person.Email);
            var only = Assert.Single(events);
            Assert.Equal((booked1.Start, booked1.End, "review"), (only.StartUtc, only.EndUtc, only.Kind));
        }

        var entries = await adapters.Journal.ReadCycleAsync(cycle, CancellationToken.None);
        var journaled = Assert.Single(entries, e => e.Type == "ReviewBooked");
        Assert.Equal(Iso(booked1.Start), journaled.Data["start"]!.GetValue<string>());
        Assert.Equal(Iso(booked1.End), journaled.Data["end"]!.GetValue<string>());
        var also = Assert.Single(entries, e => e.Type == "CoachingBooked");
        Assert.Equal(Iso(booked1.Start), also.Data["start"]!.GetValue<string>());
        Assert.Single(entries, e => e.Type == "ReviewHeld");
        Assert.Equal(3, entries.Count);
    }

    [Fact]
    public async Task BookMeeting_DifferentTaskOfTheSameExecution_BooksASecondMeetingClearOfTheFirst()
    {
        var adapters = await AdaptersAsync();
        var activity = new BookMeeting(adapters.Calendar, adapters.Journal);
        var cycle = NewCycleId();
        var command = Meeting();

        var booked1 = await activity.RunAsync(Context(nameof(BookMeeting), cycle, taskId: 5, attempt: 1), command);
        var booked2 = await activity.RunAsync(Context(nameof(BookMeeting), cycle, taskId: 6, attempt: 1), command);

        Assert.NotNull(booked1);
        Assert.NotNull(booked2);
        Assert.NotEqual(booked1.EventId, booked2.EventId);
        Assert.True(booked2.Start >= booked1.End || booked2.End <= booked1.Start, $"{booked2.Start:u} overlaps {booked1.Start:u}");
        foreach (var person in new[] { Mark, Priya })
        {
            Assert.Equal(2, (await adapters.EventsAsync(person.Email)).Count);
        }

        var entries = await adapters.Journal.ReadCycleAsync(cycle, CancellationToken.None);
        Assert.Equal(2, entries.Count(e => e.Type == "ReviewBooked"));
    }

    [Fact]
    public async Task BookMeeting_EightSellersOfOneManagerAtOnce_BooksEightMeetingsWithoutDoubleBookingTheManager()
    {
        var adapters = await AdaptersAsync();
        var activity = new BookMeeting(adapters.Calendar, adapters.Journal);
        var sellers = Enumerable.Range(1, 8)
            .Select(i => new Person($"seller{i}", $"Seller {i}", $"seller{i}@example.test", "Europe/London", WorkingHours.Default))
            .ToList();

        // Every seller's period ends at the same instant, so their bookings race for the manager's calendar.
        var booked = await Task.WhenAll(sellers.Select((seller, i) => activity.RunAsync(
            Context(nameof(BookMeeting), NewCycleId(), taskId: 5, attempt: 1),
            Meeting() with { Attendee = seller })));

        Assert.All(booked, Assert.NotNull);
        var slots = booked.Select(b => (b!.Start, b.End)).OrderBy(s => s.Start).ToList();
        for (var i = 1; i < slots.Count; i++)
        {
            Assert.True(slots[i].Start >= slots[i - 1].End, $"the manager is double-booked at {slots[i].Start:u}");
        }

        Assert.Equal(8, (await adapters.EventsAsync(Mark.Email)).Count);
    }

    [Fact]
    public async Task RecordJournal_RedeliveredWorkItem_AppendsEachEntryOnce()
    {
        var adapters = await AdaptersAsync();
        var activity = new RecordJournal(adapters.Journal);
        var cycle = NewCycleId();
        var first = Context(nameof(RecordJournal), cycle, taskId: 9, attempt: 1);
        var command = new JournalCommand(
            new Stamp("mark", "priya", Start.UtcDateTime, Execution: 2),
            [
                new PendingEntry("ReviewHeld", new JsonObject { ["status"] = "onTrack" }),
                new PendingEntry("CoachingClosed", new JsonObject()),
            ]);

        var count1 = await activity.RunAsync(first, command);
        var count2 = await activity.RunAsync(first with { Attempt = 2 }, command);

        Assert.Equal(2, count1);
        Assert.Equal(2, count2);
        var entries = await adapters.Journal.ReadCycleAsync(cycle, CancellationToken.None);
        Assert.Equal(["ReviewHeld", "CoachingClosed"], entries.Select(e => e.Type));
        Assert.All(entries, e => Assert.Equal(("mark", "priya", Start.UtcDateTime), (e.Team, e.Seller, e.At)));
    }

    [Fact]
    public async Task RecordJournal_DifferentTaskOfTheSameExecution_AppendsAgain()
    {
        var adapters = await AdaptersAsync();
        var activity = new RecordJournal(adapters.Journal);
        var cycle = NewCycleId();
        var command = new JournalCommand(new Stamp("mark", "priya", Start.UtcDateTime, Execution: 2), [new PendingEntry("ReviewHeld", new JsonObject())]);

        await activity.RunAsync(Context(nameof(RecordJournal), cycle, taskId: 9, attempt: 1), command);
        await activity.RunAsync(Context(nameof(RecordJournal), cycle, taskId: 10, attempt: 1), command);

        var entries = await adapters.Journal.ReadCycleAsync(cycle, CancellationToken.None);
        Assert.Equal(2, entries.Count(e => e.Type == "ReviewHeld"));
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string NewCycleId() => "cycle-2027-Q1-" + TaskHubNames.New("p");

    private static TaskActivityContext Context(string name, string instanceId, int taskId, int attempt)
        => new(name, instanceId, "exec0001", taskId, attempt, CancellationToken.None);

    private static EmailCommand Email(string template, Person to)
    {
        var message = new EmailMessage(template, new EmailAddress(to.Email, to.Name), [], TemplateModels.Sample(template));
        var stamp = new Stamp("mark", "priya", Start.UtcDateTime);
        return new EmailCommand(
            message,
            stamp,
            [new PendingEntry("AgreementRequested", new JsonObject { ["round"] = 1 })],
            [new PendingEntry("CycleStarted", new JsonObject { ["quarter"] = "2027-Q1" }, Start.UtcDateTime.AddHours(-1))]);
    }

    private static MeetingCommand Meeting()
    {
        // Thursday of week 2 to the Thursday after, like a fortnightly review.
        var windowStart = new DateTime(2027, 1, 14, 0, 0, 0, DateTimeKind.Utc);
        return new MeetingCommand(
            Mark,
            Priya,
            "review",
            windowStart,
            windowStart.AddDays(7),
            null,
            TimeSpan.FromMinutes(20),
            "Review (weeks 1-2): Priya Shah and Mark Whitaker",
            "Progress against the agreed targets.",
            new Stamp("mark", "priya", windowStart.AddDays(-1), Execution: 1),
            [new PendingEntry("CoachingBooked", new JsonObject())],
            [new PendingEntry("ReviewHeld", new JsonObject { ["status"] = "below" }, windowStart.AddDays(-2))]);
    }

    private async Task<Adapters> AdaptersAsync()
    {
        var prefix = TaskHubNames.New("i");
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddReviewFlowDevAdapters(azurite.ConnectionString, o =>
        {
            o.OutboxDirectory = _outboxDirectory;
            o.TablePrefix = prefix;
            o.JournalTableName = prefix + "Journal";
        });
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<DevAdapterStores>().EnsureCreatedAsync();
        return new Adapters(
            _services.GetRequiredService<IEmailSender>(),
            _services.GetRequiredService<DevOutbox>(),
            _services.GetRequiredService<ICalendar>(),
            _services.GetRequiredService<DevCalendar>(),
            _services.GetRequiredService<ICycleJournal>());
    }

    private sealed record Adapters(IEmailSender Sender, DevOutbox Outbox, ICalendar Calendar, DevCalendar DevCalendar, ICycleJournal Journal)
    {
        public async Task<List<OutboxRecord>> OutboxRowsAsync()
        {
            var rows = new List<OutboxRecord>();
            await foreach (var row in Outbox.ListAsync(CancellationToken.None))
            {
                rows.Add(row);
            }

            return rows;
        }

        public async Task<List<CalendarEvent>> EventsAsync(string email)
        {
            var events = new List<CalendarEvent>();
            await foreach (var e in DevCalendar.ListAsync(email, CancellationToken.None))
            {
                events.Add(e);
            }

            return events;
        }
    }
}
