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
}
