namespace ReviewFlow.Domain.People;

/// <summary>Someone the cycle emails and books meetings with.</summary>
/// <param name="Id">Stable id (lowercase letters, digits, '-' and '_'), used in instance ids.</param>
/// <param name="Name">Display name.</param>
/// <param name="Email">Mailbox address.</param>
/// <param name="TimeZone">IANA (Europe/London) or Windows (GMT Standard Time) time zone id.</param>
/// <param name="WorkingHours">Local working hours, in <paramref name="TimeZone"/>.</param>
public sealed record Person(string Id, string Name, string Email, string TimeZone, WorkingHours WorkingHours)
{
    /// <summary>The resolved time zone.</summary>
    public TimeZoneInfo Zone => TimeZones.Find(TimeZone);
}

/// <summary>A seller: a person with a start date (tenure sets the review cadence).</summary>
public sealed record Seller(Person Person, DateOnly StartedOn);

/// <summary>A manager, with the address reminders escalate to when the manager does not act (their own manager).</summary>
public sealed record Manager(Person Person, string? EscalateTo = null);

/// <summary>A manager and the sellers they review.</summary>
public sealed record Team(Manager Manager, IReadOnlyList<Seller> Sellers);
