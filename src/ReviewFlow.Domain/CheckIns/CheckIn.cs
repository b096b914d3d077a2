using System.Globalization;

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
    public IReadOnlyList<string> Validate(IReadOnlyList<int> expectedWeeks, IReadOnlyCollection<string> reportedKeys)
    {
        ArgumentNullException.ThrowIfNull(expectedWeeks);
        ArgumentNullException.ThrowIfNull(reportedKeys);
        var problems = new List<string>();
        var expected = new HashSet<int>(expectedWeeks);
        var keys = new HashSet<string>(reportedKeys, StringComparer.Ordinal);
        var seen = new HashSet<int>();
        var weeks = Weeks ?? [];
        for (var i = 0; i < weeks.Count; i++)
        {
            var field = $"weeks[{i.ToString(CultureInfo.InvariantCulture)}]";
            var figures = weeks[i];
            if (figures is null)
            {
                problems.Add($"{field}: the week's figures are missing.");
                continue;
            }

            var week = figures.Week.ToString(CultureInfo.InvariantCulture);
            if (!expected.Contains(figures.Week))
            {
                problems.Add($"{field}.week: week {week} is not one of the weeks this check-in covers ({string.Join(", ", expectedWeeks.Select(w => w.ToString(CultureInfo.InvariantCulture)))}).");
            }
            else if (!seen.Add(figures.Week))
            {
                problems.Add($"{field}.week: week {week} is reported more than once.");
            }

            foreach (var (key, value) in figures.Values ?? new Dictionary<string, double>())
            {
                var valueField = $"{field}.values.{key}";
                if (!keys.Contains(key))
                {
                    problems.Add($"{valueField}: not one of the figures this check-in asks for ({string.Join(", ", reportedKeys)}).");
                }

                if (!double.IsFinite(value))
                {
                    problems.Add($"{valueField}: must be a finite number.");
                }
                else if (value < 0)
                {
                    problems.Add($"{valueField}: must not be negative ({value.ToString(CultureInfo.InvariantCulture)}).");
                }
            }
        }

        CheckAnswer(problems, "working", Working);
        CheckAnswer(problems, "notWorking", NotWorking);
        CheckAnswer(problems, "supportNeeded", SupportNeeded);
        return problems;
    }

    /// <summary>The figures in <paramref name="weeks"/> order, null for a week not reported (input for the period evaluator).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, double>?> ForWeeks(IReadOnlyList<int> weeks)
    {
        ArgumentNullException.ThrowIfNull(weeks);
        return [.. weeks.Select(w => Weeks?.FirstOrDefault(f => f is not null && f.Week == w)?.Values)];
    }

    private static void CheckAnswer(List<string> problems, string field, string? answer)
    {
        if (answer is not null && answer.Length > MaxAnswerLength)
        {
            problems.Add($"{field}: at most {MaxAnswerLength.ToString(CultureInfo.InvariantCulture)} characters, please ({answer.Length.ToString(CultureInfo.InvariantCulture)} given).");
        }
    }
}
