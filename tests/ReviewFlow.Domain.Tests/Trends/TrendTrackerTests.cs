using ReviewFlow.Domain.Policy;
using ReviewFlow.Domain.Reviews;
using ReviewFlow.Domain.Trends;
using Xunit;

namespace ReviewFlow.Domain.Tests.Trends;

public sealed class TrendTrackerTests
{
    private static readonly DateTime Week1 = new(2027, 1, 11, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Each row: the statuses of successive reviews (B below, O on track, A above, N no check-in) and the
    /// signals expected after each one ("open", "close", "recognise", or "-" for none).
    /// </summary>
    [Theory]
    [InlineData("single dip", "O B O O", "- - - -")]
    [InlineData("dips separated by good reviews", "B O B O B O", "- - - - - -")]
    [InlineData("sustained gap", "B B B", "- - open")]
    [InlineData("three of the last four", "B O B B", "- - - open")]
    [InlineData("missing check-ins are ignored", "B N B N B", "- - - - open")]
    [InlineData("never reopens while open", "B B B B B", "- - open - -")]
    [InlineData("closes after two not below", "B B B O A", "- - open - close")]
    [InlineData("a dip resets the exit streak", "B B B O B O O", "- - open - - - close")]
    [InlineData("recognition after three above", "A A A", "- - recognise")]
    [InlineData("recognition count starts again", "A A A A A A", "- - recognise - - recognise")]
    [InlineData("on track breaks the run", "A A O A A", "- - - - -")]
    [InlineData("no data does not break the run", "A N A A", "- - - recognise")]
    public void Record_SequenceOfReviews_SignalsAsMethodSays(string because, string statuses, string expected)
    {
        var tracker = TrendTracker.Empty;
        var actual = new List<string>();
        var at = Week1;
        foreach (var code in statuses.Split(' '))
        {
            (tracker, var signals) = tracker.Record(at, Parse(code), ReviewPolicy.Default);
            actual.Add(signals.Count == 0 ? "-" : string.Join("+", signals.Select(Name)));
            at = at.AddDays(7);
        }

        Assert.True(expected == string.Join(' ', actual), $"{because}: expected [{expected}], got [{string.Join(' ', actual)}]");
    }

    [Fact]
    public void Record_CoachingOpened_NamesTheTriggeringReviews()
    {
        var tracker = TrendTracker.Empty;
        IReadOnlyList<TrendSignal> signals = [];
        var statuses = new[] { ReviewStatus.Below, ReviewStatus.OnTrack, ReviewStatus.Below, ReviewStatus.Below };
        for (var i = 0; i < statuses.Length; i++)
        {
            (tracker, signals) = tracker.Record(Week1.AddDays(14 * i), statuses[i], ReviewPolicy.Default);
        }

        var opened = Assert.IsType<CoachingOpened>(Assert.Single(signals));
        Assert.Equal([Week1, Week1.AddDays(28), Week1.AddDays(42)], opened.Reviews);
        Assert.Equal("3 of the last 4 reviews were below plan", opened.Reason);
    }

    [Fact]
    public void Record_StricterPolicy_OpensOnTwoOfThree()
    {
        var policy = ReviewPolicy.Default with { CoachingBelowCount = 2, CoachingWindow = 3 };
        var (afterOne, _) = TrendTracker.Empty.Record(Week1, ReviewStatus.Below, policy);
        var (_, signals) = afterOne.Record(Week1.AddDays(7), ReviewStatus.Below, policy);

        Assert.IsType<CoachingOpened>(Assert.Single(signals));
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
