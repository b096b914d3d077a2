using System.Globalization;

using ReviewFlow.Domain.Quarters;

namespace ReviewFlow.Functions.Web.Dashboard;

/// <summary>How many reviews a seller's cadence should have held by now.</summary>
internal static class ReviewsDue
{
    /// <summary>
    /// A period's review is booked from the fourth day of its last week within a week (ReviewPeriodStep's window), so
    /// it counts as due once that window has closed: a review still inside its window is never counted as missing.
    /// </summary>
    private static readonly TimeSpan WindowCloses = TimeSpan.FromDays(3 + 7);

    /// <summary>The review periods of <paramref name="quarter"/> at <paramref name="cadenceDays"/> whose window closed by <paramref name="now"/>.</summary>
    public static int By(Quarter quarter, int cadenceDays, DateTime now) =>
        quarter.Periods(cadenceDays).Count(p => quarter.WeekStartUtc(p.LastWeek) + WindowCloses <= now);

    /// <summary>The days of a cadence as the journal names it ("weekly", "fortnightly", "every 10 days"), or null.</summary>
    public static int? CadenceDays(string? name) => name switch
    {
        "weekly" => 7,
        "fortnightly" => 14,
        _ when name is not null && name.StartsWith("every ", StringComparison.Ordinal) && name.EndsWith(" days", StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(6, name.Length - 11), NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days > 0 => days,
        _ => null,
    };
}
