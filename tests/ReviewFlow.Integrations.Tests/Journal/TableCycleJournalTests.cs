using System.Text.Json.Nodes;

using Azure.Data.Tables;

using ReviewFlow.Integrations.Journal;
using ReviewFlow.Integrations.Tests.Support;
using ReviewFlow.Testing;

using Xunit;

namespace ReviewFlow.Integrations.Tests.Journal;

public sealed class TableCycleJournalTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private static readonly DateTime T0 = new(2027, 1, 4, 9, 0, 0, DateTimeKind.Utc);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task AppendAsync_SameEntriesTwice_StoresEachOnce()
    {
        var journal = await DevAdapters.JournalAsync(azurite, DevAdapters.Options(_directory.Path));
        JournalEntry[] entries =
        [
            Entry("q1-mark-priya", "e1", T0, "CycleStarted"),
            Entry("q1-mark-priya", "e2", T0.AddHours(1), "ExpectationsRequested"),
        ];

        await journal.AppendAsync(entries, CancellationToken.None);
        await journal.AppendAsync(entries, CancellationToken.None);
        await journal.AppendAsync([entries[0], entries[0]], CancellationToken.None);

        var read = await journal.ReadCycleAsync("q1-mark-priya", CancellationToken.None);
        Assert.Equal(["e1", "e2"], read.Select(e => e.Id));
    }

    [Fact]
    public async Task AppendAsync_Entry_RoundTripsEveryField()
    {
        var journal = await DevAdapters.JournalAsync(azurite, DevAdapters.Options(_directory.Path));
        var entry = new JournalEntry("q1/mark#priya", "task?7", T0, "mark", null, "ReviewHeld",
            new JsonObject { ["status"] = "below", ["weeks"] = new JsonArray(1, 2) });

        await journal.AppendAsync([entry], CancellationToken.None);

        var read = Assert.Single(await journal.ReadCycleAsync("q1/mark#priya", CancellationToken.None));
        Assert.Equal(entry.CycleId, read.CycleId);
        Assert.Equal(entry.Id, read.Id);
        Assert.Equal(T0, read.At);
        Assert.Equal(DateTimeKind.Utc, read.At.Kind);
        Assert.Equal("mark", read.Team);
        Assert.Null(read.Seller);
        Assert.Equal("ReviewHeld", read.Type);
        Assert.Equal(entry.Data.ToJsonString(), read.Data.ToJsonString());
    }

    [Fact]
    public async Task AppendAsync_DataOverOnePropertyLimit_IsSplitAndRoundTrips()
    {
        var options = DevAdapters.Options(_directory.Path);
        var journal = await DevAdapters.JournalAsync(azurite, options);
        string large = string.Concat(Enumerable.Range(0, 9_000).Select(i => $"w{i:D5}-"));
        var entry = Entry("q1-mark-priya", "big", T0, "QuarterClosed") with
        {
            Data = new JsonObject { ["notes"] = large, ["emoji"] = "😀 check-in" },
        };

        await journal.AppendAsync([entry], CancellationToken.None);

        var read = Assert.Single(await journal.ReadCycleAsync("q1-mark-priya", CancellationToken.None));
        Assert.Equal(large, read.Data["notes"]!.GetValue<string>());
        Assert.Equal("😀 check-in", read.Data["emoji"]!.GetValue<string>());
        var row = await new TableServiceClient(azurite.ConnectionString).GetTableClient(options.JournalTableName)
            .QueryAsync<TableEntity>().SingleAsync();
        Assert.True(row.ContainsKey("Data1"));
        Assert.All(row.Keys.Where(k => k.StartsWith("Data", StringComparison.Ordinal) && k != "DataParts"),
            k => Assert.True(row.GetString(k).Length <= 30_000));
    }

    [Fact]
    public async Task AppendAsync_MoreThanOneTransactionInAPartition_StoresAll()
    {
        var journal = await DevAdapters.JournalAsync(azurite, DevAdapters.Options(_directory.Path));
        var entries = Enumerable.Range(0, 250).Select(i => Entry("q1-mark-priya", $"e{i:D3}", T0.AddMinutes(i), "EmailSent")).ToList();

        await journal.AppendAsync(entries, CancellationToken.None);

        var read = await journal.ReadCycleAsync("q1-mark-priya", CancellationToken.None);
        Assert.Equal(entries.Select(e => e.Id), read.Select(e => e.Id));
    }

    [Fact]
    public async Task ReadAllAsync_SeveralCycles_OrdersByTimeThenCycleThenIdWithinPrefix()
    {
        var journal = await DevAdapters.JournalAsync(azurite, DevAdapters.Options(_directory.Path));
        await journal.AppendAsync(
            [
                Entry("q1-mark-priya", "b", T0.AddHours(1), "TargetsAgreed"),
                Entry("q1-mark-priya", "a", T0.AddHours(1), "EmailSent"),
                Entry("q1-mark-alex", "z", T0.AddHours(1), "EmailSent"),
                Entry("q1-mark-alex", "y", T0, "CycleStarted"),
                Entry("q1-mark-priya", "c", T0.AddHours(2), "ReviewHeld"),
                Entry("q1-lee-sam", "x", T0, "CycleStarted"),
                Entry("q2-mark-priya", "w", T0, "CycleStarted"),
            ],
            CancellationToken.None);

        var all = await journal.ReadAllAsync("q1-mark-", CancellationToken.None).ToListAsync();

        Assert.Equal(
            ["q1-mark-alex/y", "q1-mark-alex/z", "q1-mark-priya/a", "q1-mark-priya/b", "q1-mark-priya/c"],
            all.Select(e => $"{e.CycleId}/{e.Id}"));
    }

    [Fact]
    public async Task ReadAllAsync_EmptyPrefix_ReturnsEveryCycle()
    {
        var journal = await DevAdapters.JournalAsync(azurite, DevAdapters.Options(_directory.Path));
        await journal.AppendAsync([Entry("a", "1", T0, "CycleStarted"), Entry("b", "1", T0, "CycleStarted")], CancellationToken.None);

        Assert.Equal(2, await journal.ReadAllAsync("", CancellationToken.None).CountAsync());
    }

    private static JournalEntry Entry(string cycleId, string id, DateTime at, string type) =>
        new(cycleId, id, at, "mark", "priya", type, new JsonObject { ["n"] = id });
}
