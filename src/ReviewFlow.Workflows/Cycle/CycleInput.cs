using ReviewFlow.Domain.Coaching;
using ReviewFlow.Domain.People;
using ReviewFlow.Domain.Policy;
using ReviewFlow.Domain.Quarters;
using ReviewFlow.Domain.Reviews;
using ReviewFlow.Domain.Scheduling;
using ReviewFlow.Domain.Trends;
using ReviewFlow.Workflows.Shared;

namespace ReviewFlow.Workflows.Cycle;

/// <summary>Who and what a seller's cycle is about; fixed for the quarter.</summary>
/// <param name="Quarter">The quarter.</param>
/// <param name="Policy">The rules in force.</param>
/// <param name="Manager">The seller's manager.</param>
/// <param name="Seller">The seller.</param>
/// <param name="RoleTemplate">The role's default targets, used to pre-fill Define when there is no last quarter.</param>
public sealed record CycleProfile(Quarter Quarter, ReviewPolicy Policy, Manager Manager, Seller Seller, IReadOnlyDictionary<string, double> RoleTemplate)
{
    /// <summary>The seller's review cadence for this quarter (tenure at the quarter's start).</summary>
    public Cadence Cadence => Cadence.For(Seller.StartedOn, Quarter.Start, Policy);
}

/// <summary>Which step a cycle is in.</summary>
public enum CyclePhase
{
    /// <summary>Define and Agree (the first execution).</summary>
    Define,

    /// <summary>Reviews, one period per execution; Develop runs inside them when coaching opens.</summary>
    Review,
}

/// <summary>A review that was held.</summary>
public sealed record HeldReview(int Period, IReadOnlyList<int> Weeks, DateTime At, ReviewStatus Status, IReadOnlyList<MetricAttainment> Metrics);

/// <summary>What a cycle carries from one execution to the next (ContinueAsNew per review period).</summary>
/// <param name="Phase">Where the cycle is.</param>
/// <param name="Agreed">The agreed targets once Agree is done.</param>
/// <param name="NextPeriod">Index of the review period the next execution runs.</param>
/// <param name="Trend">The trend rules' memory.</param>
/// <param name="Coaching">The current or last coaching plan.</param>
/// <param name="ReviewSlot">Weekday and time of the last review, kept when free.</param>
/// <param name="ManagerExtraWeeks">Weeks with an extra check-in the manager asked for (the budget's memory).</param>
/// <param name="Reviews">Reviews held so far.</param>
/// <param name="Recognitions">Recognitions sent.</param>
/// <param name="CoachingOpenings">Times coaching opened.</param>
/// <param name="Noted">Journal entries noted but not yet written (written with the next execution's first step).</param>
/// <param name="MeetingsAhead">
/// Meetings booked that had not started when the last one was booked: what closing the cycle cancels. Null for a
/// cycle started before the cycle kept this list, whose close reads its journal instead.
/// </param>
public sealed record CycleProgress(
    CyclePhase Phase,
    IReadOnlyDictionary<string, double>? Agreed,
    int NextPeriod,
    TrendTracker Trend,
    CoachingPlan? Coaching,
    PreferredSlot? ReviewSlot,
    IReadOnlyList<int> ManagerExtraWeeks,
    IReadOnlyList<HeldReview> Reviews,
    int Recognitions,
    int CoachingOpenings,
    IReadOnlyList<PendingEntry> Noted,
    IReadOnlyList<MeetingAhead>? MeetingsAhead = null)
{
    /// <summary>A cycle that has not started.</summary>
    public static CycleProgress Start { get; } = new(CyclePhase.Define, null, 0, TrendTracker.Empty, null, null, [], [], 0, 0, [], []);
}

/// <summary>A meeting a cycle booked, as much as cancelling it needs.</summary>
/// <param name="Organizer">The organiser's address (whose calendar holds the event).</param>
/// <param name="EventId">The calendar's event id.</param>
/// <param name="Start">Start, UTC.</param>
public sealed record MeetingAhead(string Organizer, string EventId, DateTime Start);

/// <summary>The input of each execution of a seller's cycle.</summary>
public sealed record CycleInput(CycleProfile Profile, CycleProgress Progress);

/// <summary>What a finished cycle returns.</summary>
public sealed record CycleOutcome(
    string Seller,
    string Cadence,
    IReadOnlyDictionary<string, double> Agreed,
    int ReviewsHeld,
    IReadOnlyList<ReviewStatus> Statuses,
    int CoachingOpenings,
    bool CoachingOpenAtClose,
    int Recognitions);
