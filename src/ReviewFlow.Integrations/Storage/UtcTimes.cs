using ReviewFlow.Domain.Scheduling;

namespace ReviewFlow.Integrations.Storage;

/// <summary>Normalises the <see cref="DateTime"/> values callers hand in and storage hands back.</summary>
internal static class UtcTimes
{
    /// <summary>
    /// <paramref name="value"/> as UTC. Unspecified kinds are taken as UTC (the contracts say UTC); local times
    /// are refused because their meaning depends on the machine.
    /// </summary>
    public static DateTime Require(DateTime value, string paramName) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        _ => throw new ArgumentException("Times must be UTC, not local.", paramName),
    };

    /// <summary>
    /// <paramref name="range"/>'s start and end as UTC (as <see cref="Require(DateTime, string)"/>), refused when it
    /// does not end after it starts; <paramref name="what"/> names it in the message ("Busy block for …").
    /// </summary>
    public static (DateTime Start, DateTime End) Require(TimeRange range, string what, string paramName)
    {
        ArgumentNullException.ThrowIfNull(range, paramName);
        var start = Require(range.Start, paramName);
        var end = Require(range.End, paramName);
        return end > start ? (start, end) : throw new ArgumentException($"{what} ends before it starts.", paramName);
    }
}
