using System.Text.Json.Nodes;
using ReviewFlow.Domain.Policy;
using ReviewFlow.Domain.Metrics;
using ReviewFlow.Functions.Web.Actions.Define;
using ReviewFlow.Functions.Web.Dashboard;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Dashboard;

public sealed class SellerCycleViewTests
{
    private static readonly (string, double)[] Proposal = [("revenue", 90000), ("newConversationsPerWeek", 10), ("proposalTurnaroundDays", 3)];
    private static readonly (string, double)[] Counter = [("revenue", 80000), ("newConversationsPerWeek", 10), ("proposalTurnaroundDays", 3)];

    /// <summary>Priya countered round 1 and Mark accepted: the agreement's own audit says who did what.</summary>
    private static CycleJournal Agreed()
    {
        JsonArray audit =
        [
            CycleJournal.AuditStep(1, "Proposed", "mark", CycleJournal.At(1, 11), null, Proposal),
            CycleJournal.AuditStep(1, "Countered", "priya", CycleJournal.At(2, 12), "two accounts moved to Tom", Counter),
            CycleJournal.AuditStep(1, "ManagerAccepted", "mark", CycleJournal.At(3, 9), null, Counter),
        ];
        return new CycleJournal("priya").Started().DefineRequested().Defined(1, Proposal).Proposed(1, 1, Proposal)
            .Countered(2, 1, "two accounts moved to Tom", Counter).Agreed(3, "ManagerAccepted", 1, audit, Counter);
    }

    private static readonly MetricCatalogue Catalogue = ReviewPolicy.Default.Catalogue;

    private static SellerCycleView View(CycleJournal journal, int day = 60, ReviewPolicy? policy = null) =>
        SellerCycleView.Build(journal.CycleId, journal.Entries, CycleJournal.At(day), policy ?? ReviewPolicy.Default);

    [Fact]
    public void Build_Agreed_ListsTheAgreedTargetsWithUnitsKindsAndWhy()
    {
        var view = View(Agreed());

        Assert.Equal("agreed", view.TargetsState);
        Assert.Equal(CycleJournal.At(3, 13), view.AgreedAt);
        Assert.Equal(1, view.Rounds);
        Assert.Equal("the manager accepted the seller's changes", view.Settled);
        // Metrics are named and amounts written the way every page writes them.
        Assert.Equal(["revenue", "newConversationsPerWeek", "proposalTurnaroundDays"], view.Targets.Select(t => t.Key));
        Assert.Equal(view.Targets.Select(t => MetricWords.Label(t.Key, Catalogue.Resolve(t.Key))), view.Targets.Select(t => t.Label));
        Assert.Equal(MetricWords.Amount(80000, Catalogue.Resolve("revenue")), view.Targets[0].Amount);
        Assert.Contains("80,000", view.Targets[0].Amount, StringComparison.Ordinal);
        Assert.Equal("lower is better", view.Targets[2].Kind);
        Assert.All(view.Targets, t => Assert.False(string.IsNullOrWhiteSpace(t.Why)));
    }

    [Fact]
    public void Build_Agreed_AuditNamesWhoProposedWhatWhenAndWhy()
    {
        var audit = View(Agreed()).Audit;

        Assert.Equal(["Mark Whitaker", "Priya Example", "Mark Whitaker"], audit.Select(a => a.By));
        Assert.Equal(["proposed the targets", "proposed changes", "accepted the changes"], audit.Select(a => a.Step));
        Assert.Equal("two accounts moved to Tom", audit[1].Reason);
        Assert.Equal(CycleJournal.At(2, 12), audit[1].At);
        Assert.StartsWith("revenue " + MetricWords.Amount(80000, Catalogue.Resolve("revenue")) + ", ", audit[1].Targets, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NotAgreedYet_ShowsTheLatestProposalAndTheStepsSoFar()
    {
        var journal = new CycleJournal("priya").Started().DefineRequested().Defined(1, Proposal).Proposed(1, 1, Proposal)
            .Countered(2, 1, "two accounts moved to Tom", Counter);

        var view = View(journal, day: 3);

        Assert.Equal("proposed", view.TargetsState);
        Assert.Equal(MetricWords.Amount(90000, Catalogue.Resolve("revenue")), view.Targets[0].Amount);
        Assert.Equal(["defined the expectations", "proposed the targets to the seller", "proposed changes"], view.Audit.Select(a => a.Step));
        Assert.Equal("Priya Example", view.Audit[2].By);
        Assert.Equal("two accounts moved to Tom", view.Audit[2].Reason);
    }

    [Fact]
    public void Build_ReviewsHeld_OneSeriesPerTargetWithBandsFromThePolicy()
    {
        var journal = Agreed()
            .Review(18, "below", [1, 2], ("revenue", 10000, 12307.69, 0.81), ("newConversationsPerWeek", 12, 10, 1.2), ("proposalTurnaroundDays", 2, 3, 1.5))
            .Review(32, "noData", [3, 4])
            .Review(46, "onTrack", [5, 6], ("revenue", 12000, 12307.69, 0.975), ("newConversationsPerWeek", 10, 10, 1), ("proposalTurnaroundDays", 4, 3, 0.75));

        var charts = View(journal).Charts;

        Assert.Equal(["revenue", "newConversationsPerWeek", "proposalTurnaroundDays"], charts.Select(c => c.Key));
        var revenue = charts[0];
        Assert.Equal(MetricWords.Label("revenue", Catalogue.Resolve("revenue")) + ": plan vs actual", revenue.Title);
        Assert.Equal("£ in the review's weeks", revenue.YTitle);
        Assert.Equal(["W1–2", "W3–4", "W5–6"], revenue.Points.Select(p => p.Weeks));
        Assert.Equal(["below", "nodata", "ontrack"], revenue.Points.Select(p => p.Band));
        Assert.Null(revenue.Points[1].Actual);
        Assert.Equal("conversations a week", charts[1].YTitle);
        Assert.Equal("above", charts[1].Points[0].Band);
        Assert.True(charts[2].LowerIsBetter);
        Assert.Equal("days (lower is better)", charts[2].YTitle);
        Assert.Equal(["above", "nodata", "below"], charts[2].Points.Select(p => p.Band));
    }

    [Fact]
    public void Build_StricterPolicy_MovesTheBands()
    {
        var journal = Agreed().Review(18, "onTrack", [1, 2], ("revenue", 11000, 12307.69, 0.894));
        var strict = ReviewPolicy.Default with { BelowPlanRatio = 0.9 };

        Assert.Equal("ontrack", View(journal).Charts[0].Points[0].Band);
        Assert.Equal("below", View(journal, policy: strict).Charts[0].Points[0].Band);
    }

    [Fact]
    public void Build_Coaching_TimelineHasThePlanAndTheFollowUpReviewsWhileOpen()
    {
        var journal = Agreed()
            .Review(18, "below", [1, 2], ("revenue", 5000, 12307.69, 0.41))
            .CoachingOpened(18)
            .Add("ReflectionRequested", CycleJournal.At(18, 16))
            .Add("CoachingBooked", CycleJournal.At(19), new() { ["start"] = CycleJournal.Iso(CycleJournal.At(21, 10)) })
            .Add("CoachingPlanRecorded", CycleJournal.At(21, 12), new() { ["diagnosis"] = "skill", ["actions"] = new JsonArray("shadow Tom on two calls", "practise the pricing talk") })
            .Review(32, "onTrack", [3, 4], ("revenue", 12000, 12307.69, 0.975))
            .Review(46, "onTrack", [5, 6], ("revenue", 12500, 12307.69, 1.01))
            .Add("CoachingClosed", CycleJournal.At(46, 15))
            .Review(60, "above", [7, 8], ("revenue", 14000, 12307.69, 1.14));

        var coaching = View(journal, day: 61).Coaching;

        Assert.Equal(
            [
                "Coaching opened: 3 of the last 4 reviews were below plan",
                "Reflection form sent to Priya Example",
                "Coaching conversation booked for",
                "Plan recorded, diagnosis: skill",
                "Follow-up at the review of W3–4: on track",
                "Follow-up at the review of W5–6: on track",
                "Coaching closed: back on track",
            ],
            coaching.Select(c => c.Text));
        Assert.Equal(CycleJournal.At(21, 10), coaching[2].When);
        Assert.Equal(["shadow Tom on two calls", "practise the pricing talk"], coaching[3].Details);
    }

    [Fact]
    public void Build_EmailsAndFollowUps_AreListedInOrderWithSubjects()
    {
        var journal = Agreed()
            .Email(3, "targets-agreed", "Your Q1 targets are agreed", "priya@example.test")
            .Add("ExtraCheckInRefused", CycleJournal.At(9), new() { ["by"] = "manager", ["week"] = 2, ["reason"] = "one extra check-in per 4 weeks" })
            .Add("RecognitionSent", CycleJournal.At(46));

        var view = View(journal);

        var email = Assert.Single(view.Emails);
        Assert.Equal("Your Q1 targets are agreed", email.Subject);
        Assert.Equal(CycleJournal.At(3, 16), email.At);
        Assert.Equal(
            ["Extra check-in (week 2, asked by the manager) refused: one extra check-in per 4 weeks", "Recognition sent to Priya Example (manager copied)"],
            view.FollowUps.Select(f => f.Text));
    }
}
