namespace ReviewFlow.Domain.Quarters;

/// <summary>
/// When quarters start: the fiscal year starts in <paramref name="FirstMonth"/>, and each quarter starts on the
/// first <paramref name="QuarterStartsOn"/> on or after the 1st of its first month, and runs until the next one
/// starts (13 or 14 weeks). Fiscal years are named by the calendar year they end in (a January year is the
/// calendar year), so labels read "2027-Q1".
/// </summary>
public sealed record FiscalCalendar(int FirstMonth = 1, DayOfWeek QuarterStartsOn = DayOfWeek.Monday)
{
    /// <summary>The quarter containing <paramref name="date"/>.</summary>
    public Quarter QuarterContaining(DateOnly date) => throw new NotImplementedException();

    /// <summary>The quarter after <paramref name="quarter"/>.</summary>
    public Quarter Next(Quarter quarter) => throw new NotImplementedException();
}
