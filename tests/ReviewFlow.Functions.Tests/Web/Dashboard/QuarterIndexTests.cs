using System.Text.Json.Nodes;
using ReviewFlow.Functions.Web.Dashboard;
using ReviewFlow.Integrations.Journal;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Dashboard;

public sealed class QuarterIndexTests
{
    private static JournalEntry Started(string quarter, string team, string name, int sellers, DateTime at, string? instanceId = null) =>
        new(instanceId ?? $"quarter-{quarter}-{team}", "000.00001.00", at, team, null, "QuarterStarted", new JsonObject
        {
            ["quarter"] = quarter,
            ["managerName"] = name,
            ["sellers"] = sellers,
        });

    private static readonly JournalEntry[] Entries =
    [
        Started("2026-Q4", "mark", "Mark Whitaker", 3, new DateTime(2026, 10, 5, 0, 0, 0, DateTimeKind.Utc)),
        Started("2027-Q1", "mark", "Mark Whitaker", 4, new DateTime(2027, 1, 4, 0, 0, 0, DateTimeKind.Utc)),
        Started("2027-Q1", "nina", "Nina Patel", 2, new DateTime(2027, 1, 4, 0, 0, 0, DateTimeKind.Utc)),
        Started("2027-Q2", "nina", "Nina Patel", 2, new DateTime(2027, 4, 5, 0, 0, 0, DateTimeKind.Utc)),
    ];

    [Fact]
    public void Build_Everyone_ListsQuartersLatestFirstAndTheirTeamsByName()
    {
        var index = QuarterIndex.Build(Entries, _ => true);

        Assert.Equal(["2027-Q2", "2027-Q1", "2026-Q4"], index.Quarters);
        Assert.Equal(["Mark Whitaker", "Nina Patel"], index.Teams("2027-Q1").Select(t => t.ManagerName));
        Assert.Equal("2027-Q2", index.Pick(null));
    }

    [Fact]
    public void Build_OneManager_SeesOnlyTheQuartersAndTeamOfTheirOwn()
    {
        var index = QuarterIndex.Build(Entries, team => team == "mark");

        Assert.Equal(["2027-Q1", "2026-Q4"], index.Quarters);
        Assert.Equal("2027-Q1", index.Pick(null));
        Assert.Null(index.Team("2027-Q1", "nina"));
        Assert.Null(index.Pick("2027-Q2"));
        Assert.Equal(4, index.Team("2027-Q1", "mark")?.Sellers);
    }

    [Fact]
    public void Build_TeamStartedTwice_IsOneTeamWithBothInstancesAndAllSellers()
    {
        var at = new DateTime(2027, 1, 4, 0, 0, 0, DateTimeKind.Utc);
        var index = QuarterIndex.Build(
            [
                Started("2027-Q1", "mark", "Mark Whitaker", 2, at.AddHours(1), "quarter-2027-Q1-mark-b"),
                Started("2027-Q1", "mark", "Mark Whitaker", 3, at, "quarter-2027-Q1-mark-a"),
                Started("2027-Q1", "mark", "Mark Whitaker", 3, at, "quarter-2027-Q1-mark-a"),
            ],
            _ => true);

        var team = Assert.Single(index.Teams("2027-Q1"));
        Assert.Equal(["quarter-2027-Q1-mark-b", "quarter-2027-Q1-mark-a"], team.InstanceIds);
        Assert.Equal(5, team.Sellers);
        Assert.Equal(at, team.StartedAt);
    }

    [Fact]
    public void Build_OtherEntryTypes_AreIgnoredAndAnEmptyIndexPicksNothing()
    {
        var index = QuarterIndex.Build([new JournalEntry("cycle-2027-Q1-priya", "1", DateTime.UnixEpoch, "mark", "priya", "CycleStarted", new() { ["quarter"] = "2027-Q1" })], _ => true);

        Assert.Empty(index.Quarters);
        Assert.Null(index.Pick(null));
        Assert.Empty(index.Teams("2027-Q1"));
    }
}
