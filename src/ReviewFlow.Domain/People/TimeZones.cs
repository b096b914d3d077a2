using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace ReviewFlow.Domain.People;

/// <summary>Resolves IANA and Windows time zone ids (Outlook uses Windows names, scenarios and browsers IANA ones).</summary>
public static class TimeZones
{
    // Slot finding resolves both people's zones for every candidate meeting; the system lookup reads and parses
    // tzdata, so known ids are kept. Unknown ids are not cached: they come from input and are reported once.
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Cache = new(StringComparer.Ordinal);

    /// <summary>Finds the zone, or throws an <see cref="ArgumentException"/> naming the id.</summary>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not a known IANA or Windows time zone id.</exception>
    public static TimeZoneInfo Find(string id) =>
        TryFind(id, out var zone)
            ? zone
            : throw new ArgumentException($"'{id}' is not a known IANA or Windows time zone.", nameof(id));

    /// <summary>Finds the zone without throwing.</summary>
    public static bool TryFind(string id, out TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            zone = null!;
            return false;
        }

        if (Cache.TryGetValue(id, out var cached))
        {
            zone = cached;
            return true;
        }

        if (TryFindSystem(id, out var found)
            || (TimeZoneInfo.TryConvertWindowsIdToIanaId(id, out var iana) && TryFindSystem(iana, out found))
            || (TimeZoneInfo.TryConvertIanaIdToWindowsId(id, out var windows) && TryFindSystem(windows, out found)))
        {
            zone = Cache.GetOrAdd(id, found);
            return true;
        }

        zone = null!;
        return false;
    }

    private static bool TryFindSystem(string id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException
            or ArgumentException or System.Security.SecurityException or IOException or UnauthorizedAccessException)
        {
            zone = null;
            return false;
        }
    }
}
