using System.Text.Json.Serialization;

namespace ReviewFlow.Functions.Management;

/// <summary>
/// A roster as sent (JSON body, or the rows of a CSV): plain strings and numbers, checked by
/// <see cref="RosterValidator"/> before anything becomes a <see cref="Roster"/>.
/// </summary>
internal sealed class RosterDocument
{
    public List<TeamEntry>? Teams { get; set; }

    public List<ManagerEntry>? Managers { get; set; }

    public List<SellerEntry>? Sellers { get; set; }
}

/// <summary>Where an entry came from, for problem messages: "sellers[2]" in JSON, "row 5" in a CSV.</summary>
internal abstract class RosterEntry
{
    [JsonIgnore]
    public string? Source { get; set; }
}

/// <summary>A team's display name; <see cref="Id"/> is its manager's id.</summary>
internal sealed class TeamEntry : RosterEntry
{
    public string? Id { get; set; }

    public string? Name { get; set; }
}

/// <summary>What managers and sellers share.</summary>
internal abstract class PersonEntry : RosterEntry
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Email { get; set; }

    /// <summary>IANA ("Europe/London") or Windows ("GMT Standard Time").</summary>
    public string? TimeZone { get; set; }

    /// <summary>Optional: 09:00–17:30, Monday to Friday, when absent.</summary>
    public WorkingHoursEntry? WorkingHours { get; set; }
}

internal sealed class ManagerEntry : PersonEntry
{
    /// <summary>Optional: where reminders escalate when the manager does not act (their own manager).</summary>
    public string? EscalateTo { get; set; }
}

internal sealed class SellerEntry : PersonEntry
{
    /// <summary>yyyy-MM-dd: tenure at the quarter's start sets the review cadence.</summary>
    public string? StartDate { get; set; }

    public string? ManagerId { get; set; }

    /// <summary>Optional: metric → quarter target, pre-filling the manager's Define form.</summary>
    public Dictionary<string, double>? RoleTemplate { get; set; }
}

/// <summary>Local working hours: "HH:mm" start and end, and day names ("Monday" or "Mon").</summary>
internal sealed class WorkingHoursEntry
{
    public string? Start { get; set; }

    public string? End { get; set; }

    public List<string>? Days { get; set; }
}
