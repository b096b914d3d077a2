using System.Globalization;

namespace ReviewFlow.Domain.Quarters;

/// <summary>A quarter: week n is the 7 days from <c>Start + 7·(n−1)</c>, at 00:00 UTC.</summary>
/// <param name="Label">Label such as "2027-Q1".</param>
/// <param name="Start">First day.</param>
/// <param name="Weeks">Number of weeks.</param>
public sealed record Quarter(string Label, DateOnly Start, int Weeks)
{
    /// <summary>The longest label accepted by <see cref="Validate"/>.</summary>
    public const int MaxLabelLength = 32;

    /// <summary>The most weeks accepted by <see cref="Validate"/> (two 13-week quarters).</summary>
    public const int MaxWeeks = 26;

    /// <summary>Start of quarter week <paramref name="week"/> (1-based), 00:00 UTC.</summary>
    /// <remarks>Not clamped: week <c>Weeks + 1</c> is <see cref="EndUtc"/>, week 0 the week before the quarter.</remarks>
    public DateTime WeekStartUtc(int week) =>
        Start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddDays(7.0 * (week - 1));

    /// <summary>The instant the quarter ends (start of the week after the last), UTC.</summary>
    public DateTime EndUtc => WeekStartUtc(Weeks + 1);

    /// <summary>The quarter week containing <paramref name="utc"/>, clamped to 1..Weeks.</summary>
    public int WeekAt(DateTime utc)
    {
        var instant = utc.Kind == DateTimeKind.Local ? utc.ToUniversalTime() : utc;
        var sinceStart = instant.Ticks - WeekStartUtc(1).Ticks;
        if (sinceStart < 0)
        {
            return 1;
        }

        var week = (sinceStart / (7 * TimeSpan.TicksPerDay)) + 1;
        return (int)Math.Max(1, Math.Min(week, Weeks));
    }

    /// <summary>
    /// The review periods for a cadence of <paramref name="cadenceDays"/> days: consecutive runs of
    /// max(1, cadenceDays / 7) weeks from week 1; the last one is shorter when the weeks do not divide evenly.
    /// </summary>
    public IReadOnlyList<ReviewPeriod> Periods(int cadenceDays)
    {
        var size = Math.Max(1, cadenceDays / 7);
        var periods = new List<ReviewPeriod>((Math.Max(0, Weeks) / size) + 1);
        for (var first = 1; first <= Weeks; first += size)
        {
            periods.Add(new ReviewPeriod(periods.Count, first, Math.Min(first + size - 1, Weeks)));
        }

        return periods;
    }

    /// <summary>Problems with the values, each naming the field; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Label))
        {
            problems.Add("quarter.label is required.");
        }
        else if (Label.Length > MaxLabelLength)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"quarter.label must be at most {MaxLabelLength} characters (it has {Label.Length})."));
        }

        if (Weeks is < 1 or > MaxWeeks)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"quarter.weeks must be between 1 and {MaxWeeks} (it is {Weeks})."));
        }

        return problems;
    }
}

/// <summary>The weeks one review covers.</summary>
/// <param name="Index">0-based period number.</param>
/// <param name="FirstWeek">First quarter week covered (1-based).</param>
/// <param name="LastWeek">Last quarter week covered (inclusive).</param>
public sealed record ReviewPeriod(int Index, int FirstWeek, int LastWeek)
{
    /// <summary>The quarter weeks covered, in order.</summary>
    public IReadOnlyList<int> Weeks => [.. Enumerable.Range(FirstWeek, LastWeek - FirstWeek + 1)];
}
