using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using ReviewFlow.Domain.Metrics;
using ReviewFlow.Domain.People;

namespace ReviewFlow.Functions.Management;

/// <summary>
/// Checks a whole <see cref="RosterDocument"/> and reports every problem with its entry and field, reusing the
/// Domain's own rules (ids, time zones, working hours, targets) so nothing the cycles would reject gets stored.
/// </summary>
internal static partial class RosterValidator
{
    public const int MaxManagers = 1000;
    public const int MaxSellers = 5000;
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 254;
    public const int MaxTemplateMetrics = 20;

    /// <summary>The roster, or null with <paramref name="problems"/> filled.</summary>
    public static Roster? Validate(RosterDocument document, DateOnly today, RosterProblems problems)
    {
        var teams = document.Teams ?? [];
        var managers = document.Managers ?? [];
        var sellers = document.Sellers ?? [];
        if (managers.Count == 0)
        {
            problems.Add("managers", "The roster needs at least one manager (a roster replaces the current one as a whole).");
        }

        if (managers.Count > MaxManagers || sellers.Count > MaxSellers || teams.Count > MaxManagers)
        {
            problems.Add("roster", $"At most {MaxManagers} managers and teams and {MaxSellers} sellers in one roster.");
            return null;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var emails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var goodManagers = new List<Manager>();
        for (var i = 0; i < managers.Count; i++)
        {
            var entry = managers[i];
            var at = Where(entry, "managers", i);
            var person = ReadPerson(entry, at, ids, emails, problems);
            var escalateTo = entry?.EscalateTo is { Length: > 0 } escalate ? escalate.Trim() : null;
            if (escalateTo is not null && !IsEmail(escalateTo))
            {
                problems.Add(at + ".escalateTo", "must be an email address (the manager's own manager).");
            }

            if (person is not null)
            {
                goodManagers.Add(new Manager(person, escalateTo));
            }
        }

        var managerIds = managers.Where(m => m?.Id is not null).Select(m => m!.Id!.Trim()).ToHashSet(StringComparer.Ordinal);
        var goodSellers = new List<RosterSeller>();
        for (var i = 0; i < sellers.Count; i++)
        {
            var entry = sellers[i];
            var at = Where(entry, "sellers", i);
            var person = ReadPerson(entry, at, ids, emails, problems);
            var startedOn = ReadStartDate(entry?.StartDate, at + ".startDate", today, problems);
            var managerId = entry?.ManagerId?.Trim();
            if (string.IsNullOrEmpty(managerId))
            {
                problems.Add(at + ".managerId", "is required (the seller's manager).");
            }
            else if (!managerIds.Contains(managerId))
            {
                problems.Add(at + ".managerId", $"'{managerId}' is not one of the roster's managers.");
            }

            var template = ReadTemplate(entry?.RoleTemplate, at + ".roleTemplate", problems);
            if (person is not null && startedOn is not null && managerIds.Contains(managerId ?? "") && template is not null)
            {
                goodSellers.Add(new RosterSeller(new Seller(person, startedOn.Value), managerId!, template));
            }
        }

        var goodTeams = new List<RosterTeam>();
        var teamIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < teams.Count; i++)
        {
            var entry = teams[i];
            var at = Where(entry, "teams", i);
            var id = entry?.Id?.Trim();
            if (string.IsNullOrEmpty(id))
            {
                problems.Add(at + ".id", "is required (a team's id is its manager's id).");
            }
            else if (!managerIds.Contains(id))
            {
                problems.Add(at + ".id", $"'{id}' is not one of the roster's managers (a team's id is its manager's id).");
            }
            else if (!teamIds.Add(id))
            {
                problems.Add(at + ".id", $"'{id}' has more than one team entry.");
            }

            var name = ReadName(entry?.Name, at + ".name", problems);
            if (id is not null && name is not null)
            {
                goodTeams.Add(new RosterTeam(id, name));
            }
        }

        return problems.Count == 0 ? new Roster(goodTeams, goodManagers, goodSellers) : null;
    }

    private static string Where(RosterEntry? entry, string list, int index) =>
        entry?.Source ?? $"{list}[{index.ToString(CultureInfo.InvariantCulture)}]";

    private static Person? ReadPerson(PersonEntry? entry, string at, HashSet<string> ids, HashSet<string> emails, RosterProblems problems)
    {
        if (entry is null)
        {
            problems.Add(at, "must be an object, not null.");
            return null;
        }

        var id = entry.Id?.Trim();
        var start = problems.Count;
        if (string.IsNullOrEmpty(id))
        {
            problems.Add(at + ".id", "is required.");
        }
        else if (!PersonId().IsMatch(id))
        {
            problems.Add(at + ".id", "must be 1 to 40 lowercase letters, digits, '-' or '_', starting with a letter or digit (it becomes part of the cycle's id).");
        }
        else if (!ids.Add(id))
        {
            problems.Add(at + ".id", $"'{id}' is used by more than one person.");
        }

        var name = ReadName(entry.Name, at + ".name", problems);
        var email = entry.Email?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            problems.Add(at + ".email", "is required.");
        }
        else if (!IsEmail(email))
        {
            problems.Add(at + ".email", "must be an email address like name@example.com.");
        }
        else if (!emails.Add(email))
        {
            problems.Add(at + ".email", "is used by more than one person (sign-in finds people by email).");
        }

        var zone = entry.TimeZone?.Trim();
        if (string.IsNullOrEmpty(zone))
        {
            problems.Add(at + ".timeZone", "is required (IANA like Europe/London, or Windows like GMT Standard Time).");
        }
        else if (zone.Length > 100 || !TimeZones.TryFind(zone, out _))
        {
            problems.Add(at + ".timeZone", "is not a known IANA or Windows time zone.");
        }

        var hours = ReadWorkingHours(entry.WorkingHours, at + ".workingHours", problems);
        return problems.Count == start ? new Person(id!, name!, email!, zone!, hours!) : null;
    }

    private static string? ReadName(string? raw, string at, RosterProblems problems)
    {
        var name = raw?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            problems.Add(at, "is required.");
            return null;
        }

        // Any printable text is fine (it is stored as text and encoded wherever it is shown); control characters are not.
        if (name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            problems.Add(at, $"must be at most {MaxNameLength} characters, without control characters.");
            return null;
        }

        return name;
    }

    private static WorkingHours? ReadWorkingHours(WorkingHoursEntry? entry, string at, RosterProblems problems)
    {
        if (entry is null)
        {
            return WorkingHours.Default;
        }

        var start = problems.Count;
        var from = ReadTime(entry.Start, at + ".start", WorkingHours.Default.Start, problems);
        var to = ReadTime(entry.End, at + ".end", WorkingHours.Default.End, problems);
        var days = new List<DayOfWeek>();
        foreach (var name in entry.Days ?? [.. WorkingHours.Default.Days.Select(d => d.ToString())])
        {
            if (Day(name) is { } day)
            {
                days.Add(day);
            }
            else
            {
                problems.Add(at + ".days", $"'{Shorten(name)}' is not a day (Monday or Mon, …).");
            }
        }

        if (problems.Count > start)
        {
            return null;
        }

        var hours = new WorkingHours(from, to, days);
        foreach (var problem in hours.Validate())
        {
            problems.Add(at, problem);
        }

        return problems.Count == start ? hours : null;
    }

    private static TimeOnly ReadTime(string? raw, string at, TimeOnly fallback, RosterProblems problems)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        if (TimeOnly.TryParseExact(raw.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        problems.Add(at, $"'{Shorten(raw)}' is not a time like 09:00.");
        return fallback;
    }

    private static DayOfWeek? Day(string? name)
    {
        var text = name?.Trim() ?? "";
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            var full = day.ToString();
            if (string.Equals(text, full, StringComparison.OrdinalIgnoreCase) || string.Equals(text, full[..3], StringComparison.OrdinalIgnoreCase))
            {
                return day;
            }
        }

        return null;
    }

    private static DateOnly? ReadStartDate(string? raw, string at, DateOnly today, RosterProblems problems)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            problems.Add(at, "is required (yyyy-MM-dd; tenure sets the review cadence).");
            return null;
        }

        if (!DateOnly.TryParseExact(raw.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            problems.Add(at, $"'{Shorten(raw)}' is not a date like 2024-01-31.");
            return null;
        }

        // A start date decades back or more than a year ahead is a typo, not a seller.
        if (date.Year < 1950 || date > today.AddYears(1))
        {
            problems.Add(at, $"{date:yyyy-MM-dd} is out of range (1950 to a year from today).");
            return null;
        }

        return date;
    }

    private static IReadOnlyDictionary<string, double>? ReadTemplate(Dictionary<string, double>? raw, string at, RosterProblems problems)
    {
        if (raw is null || raw.Count == 0)
        {
            return new Dictionary<string, double>();
        }

        if (raw.Count > MaxTemplateMetrics)
        {
            problems.Add(at, $"has {raw.Count} metrics; at most {MaxTemplateMetrics}.");
            return null;
        }

        // The same rules the Define step applies to the targets the template pre-fills.
        var found = ExpectationSet.From(raw, MetricCatalogue.Default).Validate();
        foreach (var problem in found)
        {
            problems.Add(at, problem);
        }

        return found.Count == 0 ? raw : null;
    }

    private static bool IsEmail(string text) =>
        text.Length <= MaxEmailLength
        && !text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && MailAddress.TryCreate(text, out var address)
        && string.Equals(address.Address, text, StringComparison.Ordinal)
        && address.Host.Contains('.', StringComparison.Ordinal);

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>The id rule of <see cref="Person"/>: lowercase letters, digits, '-' and '_'.</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex PersonId();
}
