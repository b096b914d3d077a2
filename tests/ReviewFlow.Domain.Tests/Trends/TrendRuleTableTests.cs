using ReviewFlow.Domain.Policy;
using ReviewFlow.Domain.Reviews;
using ReviewFlow.Domain.Trends;
using Xunit;

namespace ReviewFlow.Domain.Tests.Trends;

/// <summary>
/// The trend rules of METHOD.md as a table: coaching opens when at least 3 of the last 4 reviews with a status
/// are below plan (never while open), closes after 2 in a row not below, and 3 in a row above earn recognition.
/// </summary>
public sealed class TrendRuleTableTests
{
    private static readonly DateTime First = new(2027, 1, 18, 10, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Each row: review statuses (B below, O on track, A above, N no check-in), the signals after each review
    /// ("open", "close", "recognise", "-" none, "+" joins two), and whether coaching is open at the end.
    /// </summary>
    [Theory]
    // One poor review is not a trend.
    [InlineData("a single dip", "B", "-", false)]
    [InlineData("a single dip among good reviews", "O O B O A", "- - - - -", false)]
    [InlineData("two dips in a row", "B B", "- -", false)]
    // Dips separated by good reviews: B O B O B -> the last 4 are O B O B, only 2 below.
    [InlineData("dips separated by good reviews", "B O B O B", "- - - - -", false)]
    [InlineData("dips separated by pairs of good reviews", "B O O B O O B", "- - - - - - -", false)]
    [InlineData("three of the last four", "B B O B", "- - - open", true)]
    [InlineData("three in a row", "B B B", "- - open", true)]
    [InlineData("a good start then three dips", "A O O B B B", "- - - - - open", true)]
    [InlineData("the oldest dip falls out of the window", "B O O B B", "- - - - -", false)]
    // Missing check-ins have no status: the window skips them.
    [InlineData("missing check-ins between dips", "B N B N B", "- - - - open", true)]
    [InlineData("missing check-ins only", "N N N N", "- - - -", false)]
    [InlineData("a missing check-in does not dilute the window", "B B N O B", "- - - - open", true)]
    // Coaching already open.
    [InlineData("more dips while open do not reopen", "B B B B B B", "- - open - - -", true)]
    [InlineData("exit after two not below", "B B B O A", "- - open - close", false)]
    [InlineData("one good review is not enough to exit", "B B B O", "- - open -", true)]
    [InlineData("a dip resets the exit count", "B B B O B O", "- - open - - -", true)]
    [InlineData("a missing check-in neither counts towards exit nor resets it", "B B B O N O", "- - open - - close", false)]
    [InlineData("it can reopen later", "B B B O O B B B", "- - open - close - - open", true)]
    // Recognition.
    [InlineData("three above", "A A A", "- - recognise", false)]
    [InlineData("a fourth above does not recognise again", "A A A A", "- - recognise -", false)]
    [InlineData("the count starts again", "A A A A A A", "- - recognise - - recognise", false)]
    [InlineData("on track breaks the run", "A A O A A A", "- - - - - recognise", false)]
    [InlineData("below breaks the run", "A A B A A", "- - - - -", false)]
    [InlineData("a missing check-in does not break the run", "A N A N A", "- - - - recognise", false)]
    [InlineData("recognition right after coaching closes", "B B B A A A", "- - open - close recognise", false)]
    public void Record_ReviewSequence_SignalsPerRuleTable(string because, string statuses, string expected, bool openAtEnd)
    {
        var (tracker, actual) = Play(statuses, ReviewPolicy.Default);

        Assert.True(expected == actual, $"{because}: expected [{expected}], got [{actual}]");
        Assert.Equal(openAtEnd, tracker.CoachingOpen);
    }

    [Theory]
    [InlineData("B N B N B", new[] { 0, 2, 4 })] // the no-data reviews are not named
    [InlineData("B B O B", new[] { 0, 1, 3 })]
    [InlineData("B O B O O B B B", new[] { 5, 6, 7 })] // only belows in the window of the last 4
    public void Record_CoachingOpened_NamesTheBelowReviewsInTheWindow(string statuses, int[] indexes)
    {
        var opened = Signals(statuses).OfType<CoachingOpened>().Single();

        Assert.Equal(indexes.Select(At), opened.Reviews);
        Assert.Contains("of the last", opened.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A A A", new[] { 0, 1, 2 })]
    [InlineData("A N A A", new[] { 0, 2, 3 })]
    [InlineData("A A A O A A A", new[] { 4, 5, 6 }, 1)]
    public void Record_RecognitionEarned_NamesTheRunOfAboveReviews(string statuses, int[] indexes, int which = 0)
    {
        var earned = Signals(statuses).OfType<RecognitionEarned>().ElementAt(which);

        Assert.Equal(indexes.Select(At), earned.Reviews);
    }

    [Fact]
    public void Record_CoachingClosed_NamesTheTwoNotBelowReviews()
    {
        var closed = Signals("B B B O N A").OfType<CoachingClosed>().Single();

        Assert.Equal([At(3), At(5)], closed.Reviews);
    }

    /// <summary>Policy variations keep the same shape of rule.</summary>
    [Theory]
    [InlineData(2, 3, 2, 3, "B O B", "- - open")] // 2 of the last 3
    [InlineData(3, 4, 3, 3, "B B B O O O", "- - open - - close")] // a longer exit run
    [InlineData(3, 4, 2, 2, "A A A A", "- recognise - recognise")] // a shorter recognition run
    public void Record_CustomPolicy_AppliesConfiguredCounts(int belowCount, int window, int exitStreak, int recognitionStreak, string statuses, string expected)
    {
        var policy = ReviewPolicy.Default with
        {
            CoachingBelowCount = belowCount,
            CoachingWindow = window,
            CoachingExitStreak = exitStreak,
            RecognitionStreak = recognitionStreak,
        };

        var (_, actual) = Play(statuses, policy);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Record_NoData_ReturnsTheSameState()
    {
        var (afterBelow, _) = TrendTracker.Empty.Record(At(0), ReviewStatus.Below, ReviewPolicy.Default);

        var (next, signals) = afterBelow.Record(At(1), ReviewStatus.NoData, ReviewPolicy.Default);

        Assert.Same(afterBelow, next);
        Assert.Empty(signals);
    }

    private static DateTime At(int index) => First.AddDays(14 * index);

    private static List<TrendSignal> Signals(string statuses)
    {
        var tracker = TrendTracker.Empty;
        var all = new List<TrendSignal>();
        var codes = statuses.Split(' ');
        for (var i = 0; i < codes.Length; i++)
        {
            (tracker, var signals) = tracker.Record(At(i), Parse(codes[i]), ReviewPolicy.Default);
            all.AddRange(signals);
        }

        return all;
    }

    private static (TrendTracker Tracker, string Signals) Play(string statuses, ReviewPolicy policy)
    {
        var tracker = TrendTracker.Empty;
        var actual = new List<string>();
        var codes = statuses.Split(' ');
        for (var i = 0; i < codes.Length; i++)
        {
            (tracker, var signals) = tracker.Record(At(i), Parse(codes[i]), policy);
            actual.Add(signals.Count == 0 ? "-" : string.Join("+", signals.Select(Name)));
        }

        return (tracker, string.Join(' ', actual));
    }

    private static ReviewStatus Parse(string code) => code switch
    {
        "B" => ReviewStatus.Below,
        "O" => ReviewStatus.OnTrack,
        "A" => ReviewStatus.Above,
        "N" => ReviewStatus.NoData,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Use B, O, A or N."),
    };

    private static string Name(TrendSignal signal) => signal switch
    {
        CoachingOpened => "open",
        CoachingClosed => "close",
        RecognitionEarned => "recognise",
        _ => signal.GetType().Name,
    };
}
