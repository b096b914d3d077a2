using ReviewFlow.Functions.Web.Dashboard;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Dashboard;

public sealed class TeamBoardTests
{
    private static readonly (string, double)[] Template = [("revenue", 90000)];

    [Fact]
    public void Build_EntriesOfTwoTeams_HasRowsOnlyForTheTeamAsked()
    {
        var priya = new CycleJournal("priya").Started().DefineRequested();
        var zoe = new CycleJournal("zoe", team: "nina", managerName: "Nina Patel").Started().DefineRequested();

        var board = TeamBoard.Build("mark", "Mark Whitaker", "2027-Q1", [.. priya.Entries, .. zoe.Entries], CycleJournal.At(2));

        var row = Assert.Single(board.Sellers);
        Assert.Equal("cycle-2027-Q1-priya", row.CycleId);
        Assert.Equal("mark", row.Team);
    }

    [Fact]
    public void Build_ExpectedSellerWithoutEntries_HasARowInDefine()
    {
        var priya = new CycleJournal("priya").Started().DefineRequested();
        var expected = new ExpectedSeller("cycle-2027-Q1-ann", "ann", "Ann Lee", 14);

        var board = TeamBoard.Build("mark", "Mark Whitaker", "2027-Q1", priya.Entries, CycleJournal.At(2), [expected]);

        Assert.Equal(["Ann Lee", "Priya Example"], board.Sellers.Select(s => s.SellerName));
        var ann = board.Sellers[0];
        Assert.Equal(DashboardPhase.Define, ann.Phase);
        Assert.Equal(0, ann.EntryCount);
    }

    [Fact]
    public void Build_SeveralSellers_SortsByNameAndFoldsEachCycleApart()
    {
        var tom = new CycleJournal("tom").Started().DefineRequested().Defined(1, Template).Proposed(1, 1, Template).Agreed(2, "SellerAccepted", 1, [], Template)
            .Review(18, "above", [1, 2], ("revenue", 16000, 13846, 1.16)).Add("RecognitionSent", CycleJournal.At(46));
        var ann = new CycleJournal("ann", sellerName: "Ann Lee").Started().DefineRequested();

        // The journal reads a prefix in time order: the two cycles' entries interleave.
        var entries = tom.Entries.Concat(ann.Entries).OrderBy(e => e.At).ToList();
        var board = TeamBoard.Build("mark", "Mark Whitaker", "2027-Q1", entries, CycleJournal.At(50));

        Assert.Equal(["Ann Lee", "Tom Example"], board.Sellers.Select(s => s.SellerName));
        Assert.Equal(DashboardPhase.Define, board.Sellers[0].Phase);
        Assert.Equal(DashboardPhase.Review, board.Sellers[1].Phase);
        Assert.Equal(1, board.Sellers[1].Recognitions);
        Assert.Empty(board.Sellers[1].Pending);
    }

    [Fact]
    public void Recent_SixReviews_GivesTheLastFourOldestFirst()
    {
        var journal = new CycleJournal("priya").Started(cadence: "weekly").Agreed(2, "SellerAccepted", 1, [], Template);
        string[] statuses = ["above", "below", "noData", "below", "onTrack", "above"];
        for (var i = 0; i < statuses.Length; i++)
        {
            journal.Review(10 + (7 * i), statuses[i], [i + 1]);
        }

        var board = TeamBoard.Build("mark", "Mark Whitaker", "2027-Q1", journal.Entries, CycleJournal.At(60));

        Assert.Equal(["noData", "below", "onTrack", "above"], TeamBoard.Recent(board.Sellers[0]).Select(r => r.Status));
        Assert.Equal(TeamBoard.RecentReviews, TeamBoard.Recent(board.Sellers[0]).Count);
    }
}
