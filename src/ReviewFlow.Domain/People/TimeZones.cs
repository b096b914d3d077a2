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

    /// <summary>
    /// Makes a zone that is not a system zone (a mailbox's custom time zone from Outlook) findable by its id, so a
    /// <see cref="Person"/> can name it; returns the id. Registering a zone with the rules already known under
    /// its id is a no-op.
    /// </summary>
    /// <exception cref="ArgumentException">Another zone, with different rules, is already known under the id.</exception>
    public static string Register(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var known = TryFind(zone.Id, out var found) ? found : Cache.GetOrAdd(zone.Id, zone);
        return known.HasSameRules(zone)
            ? zone.Id
            : throw new ArgumentException($"A different time zone is already known as '{zone.Id}'.", nameof(zone));
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
