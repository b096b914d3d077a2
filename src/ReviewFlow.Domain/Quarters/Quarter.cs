namespace ReviewFlow.Domain.Quarters;

/// <summary>A quarter: week n is the 7 days from <c>Start + 7·(n−1)</c>, at 00:00 UTC.</summary>
/// <param name="Label">Label such as "2027-Q1".</param>
/// <param name="Start">First day.</param>
/// <param name="Weeks">Number of weeks.</param>
public sealed record Quarter(string Label, DateOnly Start, int Weeks)
{
    /// <summary>Start of quarter week <paramref name="week"/> (1-based), 00:00 UTC.</summary>
    public DateTime WeekStartUtc(int week) => throw new NotImplementedException();

    /// <summary>The instant the quarter ends (start of the week after the last), UTC.</summary>
    public DateTime EndUtc => throw new NotImplementedException();

    /// <summary>The quarter week containing <paramref name="utc"/>, clamped to 1..Weeks.</summary>
    public int WeekAt(DateTime utc) => throw new NotImplementedException();

    /// <summary>
    /// The review periods for a cadence of <paramref name="cadenceDays"/> days: consecutive runs of
    /// max(1, cadenceDays / 7) weeks from week 1; the last one is shorter when the weeks do not divide evenly.
    /// </summary>
    public IReadOnlyList<ReviewPeriod> Periods(int cadenceDays) => throw new NotImplementedException();

    /// <summary>Problems with the values, each naming the field; empty when valid.</summary>
    public IReadOnlyList<string> Validate() => throw new NotImplementedException();
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
