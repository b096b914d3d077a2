namespace ReviewFlow.Domain.CheckIns;

/// <summary>What the seller reports for one quarter week (totals under the target key, "xPerWeek" as "x").</summary>
public sealed record WeeklyFigures(int Week, IReadOnlyDictionary<string, double> Values);

/// <summary>
/// The short form before a review: the figures for the weeks the review covers and three open answers.
/// Weeks without figures had no check-in.
/// </summary>
public sealed record CheckIn(IReadOnlyList<WeeklyFigures> Weeks, string? Working, string? NotWorking, string? SupportNeeded)
{
    /// <summary>Longest free-text answer accepted.</summary>
    public const int MaxAnswerLength = 2000;

    /// <summary>
    /// Problems, each naming the field: weeks must be among <paramref name="expectedWeeks"/> and not repeated;
    /// values finite and not negative; keys among <paramref name="reportedKeys"/>; answers at most <see cref="MaxAnswerLength"/>.
    /// </summary>
    public IReadOnlyList<string> Validate(IReadOnlyList<int> expectedWeeks, IReadOnlyCollection<string> reportedKeys) => throw new NotImplementedException();

    /// <summary>The figures in <paramref name="weeks"/> order, null for a week not reported (input for the period evaluator).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, double>?> ForWeeks(IReadOnlyList<int> weeks) => throw new NotImplementedException();
}
