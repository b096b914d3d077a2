namespace ReviewFlow.Domain.People;

/// <summary>Resolves IANA and Windows time zone ids (Outlook uses Windows names, scenarios and browsers IANA ones).</summary>
public static class TimeZones
{
    /// <summary>Finds the zone, or throws an <see cref="ArgumentException"/> naming the id.</summary>
    public static TimeZoneInfo Find(string id) => throw new NotImplementedException();

    /// <summary>Finds the zone without throwing.</summary>
    public static bool TryFind(string id, out TimeZoneInfo zone) => throw new NotImplementedException();
}
