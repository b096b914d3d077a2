using System.Globalization;

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
    /// <remarks>
    /// Quarters are named by their months: a date in the first days of a quarter's first month, before its first
    /// <see cref="QuarterStartsOn"/>, belongs to that quarter (so 2027-01-01 gives 2027-Q1 starting Monday
    /// 2027-01-04), not to the tail of the previous one.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="FirstMonth"/> is not 1..12, or <see cref="QuarterStartsOn"/> is not a day.</exception>
    public Quarter QuarterContaining(DateOnly date)
    {
        EnsureValid();
        var index = ((date.Month - FirstMonth + 12) % 12) / 3;
        var month = ((FirstMonth - 1 + (3 * index)) % 12) + 1;
        return Build(month <= date.Month ? date.Year : date.Year - 1, month);
    }

    /// <summary>The quarter after <paramref name="quarter"/>.</summary>
    /// <remarks>
    /// The calendar quarter following the one that holds the middle of <paramref name="quarter"/>, so a quarter read
    /// from a scenario with a slightly different start or length still moves on by exactly one.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="FirstMonth"/> is not 1..12, or <see cref="QuarterStartsOn"/> is not a day.</exception>
    public Quarter Next(Quarter quarter)
    {
        ArgumentNullException.ThrowIfNull(quarter);
        EnsureValid();
        var middle = quarter.Start.AddDays(Math.Max(1, quarter.Weeks) * 7 / 2);
        var current = QuarterContaining(middle);
        // A quarter always starts within the first week of its first month.
        var (year, month) = AddMonths(current.Start.Year, current.Start.Month, 3);
        return Build(year, month);
    }

    private Quarter Build(int year, int month)
    {
        var start = FirstStartDayOnOrAfter(new DateOnly(year, month, 1));
        var (nextYear, nextMonth) = AddMonths(year, month, 3);
        var nextStart = FirstStartDayOnOrAfter(new DateOnly(nextYear, nextMonth, 1));
        var weeks = (nextStart.DayNumber - start.DayNumber) / 7;

        var number = (((month - FirstMonth + 12) % 12) / 3) + 1;
        var fiscalStartYear = month >= FirstMonth ? year : year - 1;
        var fiscalYear = FirstMonth == 1 ? fiscalStartYear : fiscalStartYear + 1;
        var label = string.Create(CultureInfo.InvariantCulture, $"{fiscalYear}-Q{number}");
        return new Quarter(label, start, weeks);
    }

    private DateOnly FirstStartDayOnOrAfter(DateOnly first) =>
        first.AddDays(((int)QuarterStartsOn - (int)first.DayOfWeek + 7) % 7);

    private static (int Year, int Month) AddMonths(int year, int month, int months)
    {
        var zeroBased = (year * 12) + (month - 1) + months;
        return (zeroBased / 12, (zeroBased % 12) + 1);
    }

    private void EnsureValid()
    {
        if (FirstMonth is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(FirstMonth), FirstMonth, "The fiscal year's first month must be 1 to 12.");
        }

        if (!Enum.IsDefined(QuarterStartsOn))
        {
            throw new ArgumentOutOfRangeException(nameof(QuarterStartsOn), QuarterStartsOn, "Quarters must start on a day of the week.");
        }
    }
}
