using System.Text.Json.Nodes;
using Azure.Data.Tables;
using ReviewFlow.Durable;
using ReviewFlow.Integrations;
using ReviewFlow.Integrations.Journal;
using ReviewFlow.Testing;
using ReviewFlow.Workflows.Cycle;
using ReviewFlow.Workflows.Define;
using Xunit;

namespace ReviewFlow.Workflows.Tests.Define;

/// <summary>Define is pre-filled from last quarter's agreement when there was one, else from the role template.</summary>
public sealed class LoadPrefillTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Dictionary<string, double> RoleTemplate = new() { ["revenue"] = 90000, ["newConversationsPerWeek"] = 10 };

    [Fact]
    public async Task RunAsync_LastQuarterClosedWithAgreedTargets_PrefillsThem()
    {
        var journal = await JournalAsync();
        var lastQuarter = CycleIds.ForSeller("2026-Q4", "priya");
        await journal.AppendAsync(
            [new JournalEntry(lastQuarter, "close", new DateTime(2027, 1, 4, 8, 30, 0, DateTimeKind.Utc), "mark", "priya", "NextQuarterPrepared",
                new JsonObject { ["quarter"] = "2027-Q1", ["targets"] = new JsonObject { ["revenue"] = 82000, ["newConversationsPerWeek"] = 11 } })],
            CancellationToken.None);

        var prefill = await new LoadPrefill(journal).RunAsync(Context(), new PrefillRequest("priya", "2027-Q1", RoleTemplate));

        Assert.Equal(82000, prefill.Targets["revenue"]);
        Assert.Equal(11, prefill.Targets["newConversationsPerWeek"]);
        Assert.Contains("2026-Q4", prefill.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoCycleLastQuarter_PrefillsTheRoleTemplate()
    {
        var journal = await JournalAsync();

        var prefill = await new LoadPrefill(journal).RunAsync(Context(), new PrefillRequest("tom", "2027-Q1", RoleTemplate));

        Assert.Equal(RoleTemplate, prefill.Targets);
        Assert.Equal("the role template", prefill.Source);
    }

    private static TaskActivityContext Context()
        => new(nameof(LoadPrefill), CycleIds.ForSeller("2027-Q1", "priya"), "exec0001", 1, 1, CancellationToken.None);

    private async Task<TableCycleJournal> JournalAsync()
    {
        var journal = new TableCycleJournal(
            new TableServiceClient(azurite.ConnectionString),
            new DevAdapterOptions { JournalTableName = "prefill" + TaskHubNames.New("j") });
        await journal.EnsureCreatedAsync();
        return journal;
    }
}
