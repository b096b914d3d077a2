using ReviewFlow.Functions.Web.Dashboard;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Dashboard;

public sealed class CycleFactsTests
{
    private static readonly (string, double)[] Template = [("revenue", 90000), ("newConversationsPerWeek", 10)];

    private static CycleFacts Facts(CycleJournal journal, int day = 60) => CycleFacts.Of(journal.CycleId, journal.Entries, CycleJournal.At(day));

    [Fact]
    public void Of_DefineRequested_IsInDefineWaitingForTheManager()
    {
        var journal = new CycleJournal("priya").Started().DefineRequested();

        var facts = Facts(journal, day: 2);

        Assert.Equal(DashboardPhase.Define, facts.Phase);
        Assert.Equal("Priya Example", facts.SellerName);
        Assert.Equal("fortnightly", facts.Cadence);
        var wait = Assert.Single(facts.Pending);
        Assert.Equal(WaitKind.Define, wait.Kind);
        Assert.True(wait.FromManager);
        Assert.Equal("Mark Whitaker to define Priya Example's targets", wait.Text);
        Assert.Equal(CycleJournal.At(1, 9), wait.Since);
        Assert.Equal(AgreementStatus.Waiting, facts.Agreement);
    }

    [Fact]
    public void Of_ProposalSent_IsInAgreeWaitingForTheSeller()
    {
        var journal = new CycleJournal("priya").Started().DefineRequested().Defined(1, Template).Proposed(1, 1, Template);

        var facts = Facts(journal, day: 2);

        Assert.Equal(DashboardPhase.Agree, facts.Phase);
        var wait = Assert.Single(facts.Pending);
        Assert.Equal(WaitKind.Agreement, wait.Kind);
        Assert.False(wait.FromManager);
        Assert.Equal("Priya Example to accept the proposed targets or propose changes (round 1)", wait.Text);
    }

    [Fact]
    public void Of_CounterOpen_IsCounteredAndWaitsForTheManagersAnswer()
    {
        var journal = new CycleJournal("priya").Started().DefineRequested().Defined(1, Template).Proposed(1, 1, Template)
            .Countered(2, 1, "two accounts moved", ("revenue", 80000), ("newConversationsPerWeek", 10));

        var facts = Facts(journal, day: 2);

        Assert.Equal(AgreementStatus.Countered, facts.Agreement);
        var wait = Assert.Single(facts.Pending);
        Assert.Equal("Mark Whitaker to answer Priya Example's counter-proposal (round 1)", wait.Text);
        Assert.True(wait.FromManager);
    }

    [Fact]
    public void Of_ReminderAboutAnOpenDefine_IsOverdueAndCountsTheReminder()
    {
        var journal = new CycleJournal("priya").Started().DefineRequested().Reminder(3, "Priya's expectations").Escalated(5, "Priya's expectations");

        var facts = Facts(journal, day: 6);

        Assert.Equal(AgreementStatus.Overdue, facts.Agreement);
        var wait = Assert.Single(facts.Pending);
        Assert.Equal(1, wait.Reminders);
        Assert.True(wait.Escalated);
    }

    [Fact]
    public void Of_TargetsAgreed_IsInReviewWithNothingOpenFromAgree()
    {
        var journal = new CycleJournal("priya").Started().DefineRequested().Defined(1, Template).Proposed(1, 1, Template)
            .Agreed(2, "SellerAccepted", 1, [], Template);

        var facts = Facts(journal, day: 3);

        Assert.Equal(DashboardPhase.Review, facts.Phase);
        Assert.Equal(AgreementStatus.Agreed, facts.Agreement);
        Assert.Empty(facts.Pending);
    }

    [Fact]
    public void Of_CoachingOpenedThenClosed_MovesToDevelopAndBack()
    {
        var journal = new CycleJournal("priya").Started().Agreed(2, "SellerAccepted", 1, [], Template)
            .Review(18, "below", [1, 2], ("revenue", 5000, 13846, 0.36))
            .CoachingOpened(18);

        var open = Facts(journal, day: 20);
        Assert.Equal(DashboardPhase.Develop, open.Phase);
        Assert.True(open.CoachingOpen);
        Assert.Equal(CycleJournal.At(18, 15), open.CoachingOpenedAt);

        journal.Review(32, "onTrack", [3, 4], ("revenue", 13000, 13846, 0.94)).Add("CoachingClosed", CycleJournal.At(46, 15));
        var closed = Facts(journal, day: 50);

        Assert.Equal(DashboardPhase.Review, closed.Phase);
        Assert.False(closed.CoachingOpen);
        Assert.Equal(CycleJournal.At(46, 15), closed.CoachingClosedAt);
        Assert.Equal(1, closed.CoachingOpenings);
        Assert.Equal(["below", "onTrack"], closed.Reviews.Select(r => r.Status));
    }

    [Fact]
    public void Of_NextMeeting_IsTheFirstBookingAheadOfNowSkippingMovedOnes()
    {
        var journal = new CycleJournal("priya").Started()
            .Booked(CycleJournal.At(10, 10))
            .Booked(CycleJournal.At(24, 10))
            .Booked(CycleJournal.At(22, 15), "extra")
            .Add("ReviewRebooked", CycleJournal.At(21), new() { ["from"] = CycleJournal.Iso(CycleJournal.At(22, 15)), ["to"] = CycleJournal.Iso(CycleJournal.At(25, 9)) })
            .Booked(CycleJournal.At(25, 9));

        var facts = Facts(journal, day: 12);

        Assert.Equal(CycleJournal.At(24, 10), facts.NextMeeting?.Start);
        Assert.Equal("review", facts.NextMeeting?.Kind);
        Assert.Equal(CycleJournal.At(25, 9), facts.Meetings.Single(m => m.Kind == "extra").MovedTo);
    }

    [Fact]
    public void Of_QuarterClosed_IsClosedWithNoNextMeetingAndNothingAwaited()
    {
        var journal = new CycleJournal("priya").Started().Agreed(2, "SellerAccepted", 1, [], Template)
            .Booked(CycleJournal.At(95, 10))
            .CheckInRequested(90, 13)
            .Add("QuarterClosed", CycleJournal.At(92));

        var facts = Facts(journal, day: 93);

        Assert.Equal(DashboardPhase.Closed, facts.Phase);
        Assert.Equal(CycleEnd.QuarterClosed, facts.End);
        Assert.Null(facts.NextMeeting);
        Assert.Empty(facts.Pending);
    }

    [Fact]
    public void Of_CancelledBeforeAgreement_IsClosedAndNotAgreed()
    {
        var journal = new CycleJournal("priya").Started().DefineRequested().Add("CycleCancelled", CycleJournal.At(3), new() { ["reason"] = "left", ["by"] = "RevOps" });

        var facts = Facts(journal, day: 4);

        Assert.Equal(DashboardPhase.Closed, facts.Phase);
        Assert.Equal(CycleEnd.Cancelled, facts.End);
        Assert.Equal(AgreementStatus.NotAgreed, facts.Agreement);
        Assert.Empty(facts.Pending);
    }

    [Fact]
    public void Of_CheckInRequested_WaitsForTheSellerUntilSubmittedOrTheReviewIsHeld()
    {
        var journal = new CycleJournal("priya").Started().Agreed(2, "SellerAccepted", 1, [], Template).CheckInRequested(17, 1, 2);

        var waiting = Facts(journal, day: 17);
        var wait = Assert.Single(waiting.Pending);
        Assert.Equal("Priya Example's check-in for W1–2", wait.Text);
        Assert.False(wait.FromManager);

        journal.CheckInSubmitted(17, 1, 2);
        Assert.Empty(Facts(journal, day: 17).Pending);

        var missed = new CycleJournal("tom").Started().Agreed(2, "SellerAccepted", 1, [], Template).CheckInRequested(17, 1, 2).Review(18, "noData", [1, 2]);
        Assert.Empty(Facts(missed, day: 18).Pending);
    }

    [Fact]
    public void Of_CoachingSteps_WaitForTheReflectionThenTheManagersNotes()
    {
        var journal = new CycleJournal("priya").Started().Agreed(2, "SellerAccepted", 1, [], Template)
            .Review(18, "below", [1, 2], ("revenue", 5000, 13846, 0.36)).CoachingOpened(18)
            .Add("ReflectionRequested", CycleJournal.At(18, 16));
        Assert.Equal([WaitKind.Reflection], Facts(journal, day: 19).Pending.Select(p => p.Kind));

        journal.Email(21, "coaching-prompts", "Coaching conversation with Priya", "mark@example.test");
        var notes = Assert.Single(Facts(journal, day: 22).Pending);
        Assert.Equal(WaitKind.CoachingNotes, notes.Kind);
        Assert.Equal("Mark Whitaker's notes from the coaching conversation", notes.Text);

        journal.Add("CoachingPlanRecorded", CycleJournal.At(23), new() { ["diagnosis"] = "skill", ["actions"] = new System.Text.Json.Nodes.JsonArray("shadow a call") });
        Assert.Empty(Facts(journal, day: 23).Pending);
    }

    [Fact]
    public void Of_NotesNeverCame_StopWaitingOnceTheNextReviewIsBooked()
    {
        var journal = new CycleJournal("priya").Started().Agreed(2, "SellerAccepted", 1, [], Template)
            .Review(18, "below", [1, 2], ("revenue", 5000, 13846, 0.36)).CoachingOpened(18)
            .Email(21, "coaching-prompts", "Coaching conversation with Priya", "mark@example.test")
            .Add("ReviewBooked", CycleJournal.At(26), new() { ["start"] = CycleJournal.Iso(CycleJournal.At(31)), ["kind"] = "review" });

        Assert.Empty(Facts(journal, day: 27).Pending);
    }

    [Fact]
    public void Of_NoEntries_KnownNamesStandInDefine()
    {
        var facts = new CycleFacts("cycle-2027-Q1-ann").Known("mark", "ann", "Ann Lee", "Mark Whitaker").Complete(CycleJournal.At(1));

        Assert.Equal("Ann Lee", facts.SellerName);
        Assert.Equal(DashboardPhase.Define, facts.Phase);
        Assert.Equal(0, facts.EntryCount);
        Assert.Empty(facts.Pending);
    }
}
