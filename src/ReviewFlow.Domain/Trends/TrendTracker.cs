using ReviewFlow.Domain.Policy;
using ReviewFlow.Domain.Reviews;

namespace ReviewFlow.Domain.Trends;

/// <summary>A review that had a status, as the trend rules remember it.</summary>
public sealed record ReviewedPeriod(DateTime At, ReviewStatus Status);

/// <summary>What a review's status set off.</summary>
public abstract record TrendSignal;

/// <summary>A sustained gap: coaching opens. <paramref name="Reviews"/> are the reviews that triggered it.</summary>
public sealed record CoachingOpened(IReadOnlyList<DateTime> Reviews, string Reason) : TrendSignal;

/// <summary>The seller is back on track: coaching closes.</summary>
public sealed record CoachingClosed(IReadOnlyList<DateTime> Reviews) : TrendSignal;

/// <summary>A run of reviews above plan: recognition goes to the seller.</summary>
public sealed record RecognitionEarned(IReadOnlyList<DateTime> Reviews) : TrendSignal;

/// <summary>
/// Applies the trend rules of METHOD.md review by review: one poor week is not a trend, coaching opens on
/// a sustained gap (and never while already open), closes after a run of reviews not below plan, and a
/// run of reviews above plan earns recognition. Reviews without data are ignored. Immutable: each review
/// returns the next state, so an orchestration can carry it across ContinueAsNew.
/// </summary>
/// <param name="Recent">Time and status of recent reviews that had a status, oldest first (bounded).</param>
/// <param name="CoachingOpen">Whether coaching is open.</param>
/// <param name="AboveStreak">Reviews in a row above plan since the last recognition.</param>
/// <param name="NotBelowStreak">Reviews in a row not below plan while coaching is open.</param>
public sealed record TrendTracker(
    IReadOnlyList<ReviewedPeriod> Recent,
    bool CoachingOpen,
    int AboveStreak,
    int NotBelowStreak)
{
    /// <summary>Nothing reviewed yet.</summary>
    public static TrendTracker Empty { get; } = new([], false, 0, 0);

    /// <summary>Records a review and returns the next state with the signals it set off.</summary>
    public (TrendTracker Next, IReadOnlyList<TrendSignal> Signals) Record(DateTime at, ReviewStatus status, ReviewPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (status == ReviewStatus.NoData)
        {
            return (this, []);
        }

        var signals = new List<TrendSignal>();
        var recent = Recent.Append(new ReviewedPeriod(at, status)).TakeLast(Math.Max(policy.CoachingWindow, Math.Max(policy.RecognitionStreak, policy.CoachingExitStreak))).ToList();
        var coachingOpen = CoachingOpen;
        var notBelow = status == ReviewStatus.Below ? 0 : NotBelowStreak + 1;
        var above = status == ReviewStatus.Above ? AboveStreak + 1 : 0;

        if (coachingOpen && notBelow >= policy.CoachingExitStreak)
        {
            coachingOpen = false;
            signals.Add(new CoachingClosed([.. recent.TakeLast(policy.CoachingExitStreak).Select(r => r.At)]));
            notBelow = 0;
        }
        else if (!coachingOpen && status == ReviewStatus.Below)
        {
            var window = recent.TakeLast(policy.CoachingWindow).ToList();
            var below = window.Where(r => r.Status == ReviewStatus.Below).ToList();
            if (below.Count >= policy.CoachingBelowCount)
            {
                coachingOpen = true;
                notBelow = 0;
                signals.Add(new CoachingOpened(
                    [.. below.Select(r => r.At)],
                    $"{below.Count} of the last {window.Count} reviews were below plan"));
            }
        }

        if (above >= policy.RecognitionStreak)
        {
            signals.Add(new RecognitionEarned([.. recent.TakeLast(policy.RecognitionStreak).Select(r => r.At)]));
            above = 0;
        }

        return (new TrendTracker(recent, coachingOpen, above, coachingOpen ? notBelow : 0), signals);
    }
}
