using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using ReviewFlow.Durable;
using ReviewFlow.Integrations;
using ReviewFlow.Integrations.Journal;
using ReviewFlow.Testing;
using ReviewFlow.Workflows.Cycle;
using ReviewFlow.Workflows.Diagnostics;
using ReviewFlow.Workflows.Shared;
using Xunit;

namespace ReviewFlow.Workflows.Tests.Diagnostics;

/// <summary>
/// The workflow counters count journal entries the activities write, once per entry: a redelivered activity counts
/// only what the earlier attempt did not write. Each test tags its entries with a unique value so counts from
/// other tests running at the same time (the listener is process-wide) are left out.
/// </summary>
public sealed class CountedJournalTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task RecordJournal_RedeliveredAfterTheAppend_CountsTheReviewOnce()
    {
        var journal = await JournalAsync();
        var status = "test-" + Guid.NewGuid().ToString("N");
        using var held = new MeasurementCounter("reviewflow.reviews.held", "status", status);
        var command = new JournalCommand(Stamp(), [new PendingEntry("ReviewHeld", new JsonObject { ["status"] = status })]);

        await new RecordJournal(journal).RunAsync(Context(attempt: 1), command);
        await new RecordJournal(journal).RunAsync(Context(attempt: 2), command);

        Assert.Equal(1, held.Total);
        Assert.Single(await journal.ReadCycleAsync(CycleId, CancellationToken.None));
    }

    [Fact]
    public async Task RecordJournal_RedeliveredAfterAFailedFirstAttempt_CountsTheReview()
    {
        var journal = await JournalAsync();
        var status = "test-" + Guid.NewGuid().ToString("N");
        using var held = new MeasurementCounter("reviewflow.reviews.held", "status", status);

        // The first attempt died before writing anything: the redelivery's entry is new and must count.
        await new RecordJournal(journal).RunAsync(
            Context(attempt: 2), new JournalCommand(Stamp(), [new PendingEntry("ReviewHeld", new JsonObject { ["status"] = status })]));

        Assert.Equal(1, held.Total);
    }

    [Fact]
    public async Task RecordJournal_EntriesOfOtherTypes_CountNothingAsReviews()
    {
        var journal = await JournalAsync();
        var status = "test-" + Guid.NewGuid().ToString("N");
        using var held = new MeasurementCounter("reviewflow.reviews.held", "status", status);

        await new RecordJournal(journal).RunAsync(
            Context(attempt: 1), new JournalCommand(Stamp(), [new PendingEntry("CheckInSubmitted", new JsonObject { ["status"] = status })]));

        Assert.Equal(0, held.Total);
    }

    private const string CycleId = "cycle-2027-Q1-priya";

    private static Stamp Stamp() => new("mark", "priya", new DateTime(2027, 2, 1, 9, 0, 0, DateTimeKind.Utc));

    private static TaskActivityContext Context(int attempt)
        => new(nameof(RecordJournal), CycleIds.ForSeller("2027-Q1", "priya"), "exec0001", 7, attempt, CancellationToken.None);

    private async Task<TableCycleJournal> JournalAsync()
    {
        var journal = new TableCycleJournal(
            new TableServiceClient(azurite.ConnectionString),
            new DevAdapterOptions { JournalTableName = "counted" + TaskHubNames.New("j") });
        await journal.EnsureCreatedAsync();
        return journal;
    }
}

/// <summary>Sums one instrument of <see cref="WorkflowMetrics.MeterName"/>, keeping only measurements with the given tag value.</summary>
internal sealed class MeasurementCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _total;

    public MeasurementCounter(string instrument, string tag, string value)
    {
        _listener.InstrumentPublished = (i, listener) =>
        {
            if (i.Meter.Name == WorkflowMetrics.MeterName && i.Name == instrument)
            {
                listener.EnableMeasurementEvents(i);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, measurement, tags, _) =>
        {
            foreach (var pair in tags)
            {
                if (pair.Key == tag && Equals(pair.Value, value))
                {
                    Interlocked.Add(ref _total, measurement);
                }
            }
        });
        _listener.Start();
    }

    public long Total => Interlocked.Read(ref _total);

    public void Dispose() => _listener.Dispose();
}
