namespace ReviewFlow.Domain.People;

/// <summary>UTC and local wall-clock conversions that are safe around DST changes.</summary>
internal static class ZoneTime
{
    /// <summary>Treats an unspecified kind as UTC (the domain only passes UTC instants) and converts a local one.</summary>
    public static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    /// <summary>The wall-clock time of <paramref name="utc"/> in <paramref name="zone"/>, kind unspecified.</summary>
    public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(AsUtc(utc), zone), DateTimeKind.Unspecified);

    /// <summary>
    /// The UTC instants whose wall-clock time in <paramref name="zone"/> is <paramref name="local"/>, earliest first:
    /// none inside a spring-forward gap, two inside a fall-back overlap, otherwise one.
    /// </summary>
    public static IReadOnlyList<DateTime> ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(wall))
        {
            return [];
        }

        if (zone.IsAmbiguousTime(wall))
        {
            return [.. zone.GetAmbiguousTimeOffsets(wall)
                .Select(offset => DateTime.SpecifyKind(wall - offset, DateTimeKind.Utc))
                .Distinct()
                .Order()];
        }

        return [TimeZoneInfo.ConvertTimeToUtc(wall, zone)];
    }

    /// <summary>
    /// The earliest instant, not before <paramref name="notBefore"/>, at which the wall clock in <paramref name="zone"/>
    /// shows <paramref name="local"/>; when that time is skipped by a spring-forward gap, the first instant after the gap.
    /// </summary>
    public static DateTime? EarliestAtOrAfter(DateTime local, TimeZoneInfo zone, DateTime notBefore)
    {
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);

        // Gaps are whole minutes in every real zone, and at most a few hours long.
        for (var guard = 0; zone.IsInvalidTime(wall) && guard < 24 * 60; guard++)
        {
            wall = wall.AddMinutes(1);
        }

        foreach (var utc in ToUtc(wall, zone))
        {
            if (utc >= notBefore)
            {
                return utc;
            }
        }

        return null;
    }
}
