using ReviewFlow.Domain.Quarters;
using ReviewFlow.Functions.Web.Dashboard;
using ReviewFlow.Integrations.Journal;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Dashboard;

public sealed class RevOpsRollupTests
{
    private static readonly Quarter Q1 = new("2027-Q1", new DateOnly(2027, 1, 4), 13);
    private static readonly (string, double)[] Template = [("revenue", 90000)];

    /// <summary>Mon 1 Feb 2027: four weeks in.</summary>
    private static readonly DateTime Now = CycleJournal.At(29);

    private static ExpectedSeller Seller(string id, int days, string? name = null) => new($"cycle-2027-Q1-{id}", id, name ?? id, days);

    private static readonly TeamPlan[] Plans =
    [
        new("mark", "Mark Whitaker", Q1, null, null, [Seller("priya", 14), Seller("tom", 7), Seller("ann", 14, "Ann Lee")]),
        new("nina", "Nina Patel", Q1, null, null, [Seller("zoe", 14)]),
    ];

    private static List<JournalEntry> Journal()
    {
        var priya = new CycleJournal("priya").Started().DefineRequested().Defined(1, Template).Proposed(1, 1, Template)
            .Countered(1, 1, "two accounts moved", ("revenue", 80000)).Agreed(2, "ManagerAccepted", 1, [], ("revenue", 80000))
            .Review(18, "below", [1, 2], ("revenue", 3000, 12307, 0.24)).CoachingOpened(18);
        var tom = new CycleJournal("tom").Started(cadence: "weekly").DefineRequested().Defined(1, Template).Proposed(1, 1, Template).Agreed(2, "SellerAccepted", 1, [], Template)
            .Review(10, "above", [1], ("revenue", 8000, 6923, 1.16)).Review(17, "above", [2], ("revenue", 8000, 6923, 1.16)).Review(24, "noData", [3])
            .Add("RecognitionSent", CycleJournal.At(24, 15));
        var zoe = new CycleJournal("zoe", team: "nina", managerName: "Nina Patel").Started().DefineRequested().Reminder(3, "Zoe's expectations");

        // A quarter's prefix read comes back in time order, every cycle interleaved.
        return [.. priya.Entries.Concat(tom.Entries).Concat(zoe.Entries).OrderBy(e => e.At)];
    }

    [Fact]
    public void Build_TwoTeams_CountsEachTeamsHealth()
    {
        var rollup = RevOpsRollup.Build("2027-Q1", Journal(), Now, Plans);

        Assert.Equal(["Mark Whitaker", "Nina Patel"], rollup.Teams.Select(t => t.ManagerName));
        var mark = rollup.Teams[0];
        Assert.Equal(3, mark.Sellers);
        Assert.Equal(1, mark.InPhase(DashboardPhase.Define));
        Assert.Equal(1, mark.InPhase(DashboardPhase.Review));
        Assert.Equal(1, mark.InPhase(DashboardPhase.Develop));
        Assert.Equal(0, mark.InPhase(DashboardPhase.Agree));
        Assert.Equal(4, mark.ReviewsHeld);
        Assert.Equal(1 + 3 + 1, mark.ReviewsDue); // fortnightly: W1–2 due; weekly: W1, W2, W3 due; W4's window is still open
        Assert.Equal((1, 0, 2, 1), (mark.Below, mark.OnTrack, mark.Above, mark.NoData));
        Assert.Equal(3, mark.WithStatus);
        Assert.Equal(1, mark.CoachingOpen);
        Assert.Equal(1, mark.Recognitions);
        Assert.Equal(2, mark.WithAgreement(AgreementStatus.Agreed));
        Assert.Equal(1, mark.WithAgreement(AgreementStatus.Waiting));

        var nina = rollup.Teams[1];
        Assert.Equal(1, nina.Sellers);
        Assert.Equal(0, nina.ReviewsHeld);
        Assert.Equal(1, nina.ReviewsDue);
        Assert.Equal(1, nina.WithAgreement(AgreementStatus.Overdue));
    }

    [Fact]
    public void Build_TwoTeams_TotalIsTheSumOfTheTeams()
    {
        var total = RevOpsRollup.Build("2027-Q1", Journal(), Now, Plans).Total;

        Assert.Equal(4, total.Sellers);
        Assert.Equal(2, total.InPhase(DashboardPhase.Define));
        Assert.Equal(4, total.ReviewsHeld);
        Assert.Equal(6, total.ReviewsDue);
        Assert.Equal(1, total.Below);
        Assert.Equal(2, total.Above);
        Assert.Equal(1, total.WithAgreement(AgreementStatus.Overdue));
        Assert.Equal(2, total.WithAgreement(AgreementStatus.Agreed));
    }

    [Fact]
    public void Build_CyclesMissingFromThePlans_CountUnderTheirTeamOnlyWhenTheyAreOfThisQuarter()
    {
        var lee = new CycleJournal("lee", team: "omar", managerName: "Omar Haddad").Started().DefineRequested();
        var longerLabel = new CycleJournal("bob", quarter: "2027-Q1-pilot").Started().DefineRequested();

        var rollup = RevOpsRollup.Build("2027-Q1", [.. Journal(), .. lee.Entries, .. longerLabel.Entries], Now, Plans);

        Assert.Equal(["Mark Whitaker", "Nina Patel", "Omar Haddad"], rollup.Teams.Select(t => t.ManagerName));
        Assert.Equal(3, rollup.Teams[0].Sellers); // bob's cycle belongs to another quarter
        var omar = rollup.Teams[2];
        Assert.Equal(1, omar.Sellers);
        Assert.Null(omar.ReviewsDue); // no team quarter to date the reviews by
        Assert.Null(rollup.Total.ReviewsDue);
    }

    [Fact]
    public void Build_NoEntries_PlannedSellersStillCountInDefine()
    {
        var rollup = RevOpsRollup.Build("2027-Q1", [], CycleJournal.At(1), Plans);

        Assert.Equal(4, rollup.Total.Sellers);
        Assert.Equal(4, rollup.Total.InPhase(DashboardPhase.Define));
        Assert.Equal(0, rollup.Total.ReviewsDue);
        Assert.Equal(0, rollup.Total.WithStatus);
    }
}
