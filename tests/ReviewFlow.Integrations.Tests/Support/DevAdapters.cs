using Azure.Data.Tables;

using Microsoft.Extensions.Time.Testing;

using ReviewFlow.Integrations.Calendar;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Journal;
using ReviewFlow.Testing;

namespace ReviewFlow.Integrations.Tests.Support;

/// <summary>Builds the dev adapters on Azurite with tables no other test uses.</summary>
public static class DevAdapters
{
    public static readonly DateTimeOffset Start = new(2027, 1, 4, 9, 30, 0, TimeSpan.Zero);

    public static DevAdapterOptions Options(string outboxDirectory)
    {
        string prefix = TaskHubNames.New();
        return new DevAdapterOptions
        {
            OutboxDirectory = outboxDirectory,
            TablePrefix = prefix,
            JournalTableName = prefix + "Journal",
        };
    }

    public static async Task<DevOutbox> OutboxAsync(AzuriteFixture azurite, DevAdapterOptions options, TimeProvider time)
    {
        var outbox = new DevOutbox(new TableServiceClient(azurite.ConnectionString), new TemplateRenderer(), options, time);
        await outbox.EnsureCreatedAsync();
        return outbox;
    }

    public static async Task<DevCalendar> CalendarAsync(AzuriteFixture azurite, DevAdapterOptions options, TimeProvider time)
    {
        var calendar = new DevCalendar(new TableServiceClient(azurite.ConnectionString), options, time);
        await calendar.EnsureCreatedAsync();
        return calendar;
    }

    public static async Task<TableCycleJournal> JournalAsync(AzuriteFixture azurite, DevAdapterOptions options)
    {
        var journal = new TableCycleJournal(new TableServiceClient(azurite.ConnectionString), options);
        await journal.EnsureCreatedAsync();
        return journal;
    }

    public static FakeTimeProvider Clock() => new(Start);
}
