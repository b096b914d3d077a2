using System.Globalization;
using ReviewFlow.Domain.People;
using ReviewFlow.Functions.Management;
using ReviewFlow.Functions.Web.Auth;

namespace ReviewFlow.Functions.Web.Api;

/// <summary>The roster as <c>GET /api/roster</c> shows it: the import's own shape, so an export can be sent back as is.</summary>
internal sealed record RosterView(DateTimeOffset? ImportedAt, IReadOnlyList<TeamEntry> Teams, IReadOnlyList<ManagerEntry> Managers, IReadOnlyList<SellerEntry> Sellers)
{
    /// <summary>What <paramref name="viewer"/> may see: RevOps everything, a manager their own team.</summary>
    public static RosterView For(Roster roster, DateTimeOffset? importedAt, Viewer viewer) => new(
        importedAt,
        [.. roster.Teams.Where(t => viewer.CanSeeTeam(t.ManagerId)).Select(t => new TeamEntry { Id = t.ManagerId, Name = t.Name })],
        [.. roster.Managers.Where(m => viewer.CanSeeTeam(m.Person.Id)).Select(m => Fill(new ManagerEntry { EscalateTo = m.EscalateTo }, m.Person))],
        [.. roster.Sellers.Where(s => viewer.CanSeeTeam(s.ManagerId)).Select(s => Fill(
            new SellerEntry
            {
                StartDate = s.Seller.StartedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ManagerId = s.ManagerId,
                RoleTemplate = s.RoleTemplate.ToDictionary(),
            },
            s.Person))]);

    private static T Fill<T>(T entry, Person person)
        where T : PersonEntry
    {
        entry.Id = person.Id;
        entry.Name = person.Name;
        entry.Email = person.Email;
        entry.TimeZone = person.TimeZone;
        entry.WorkingHours = new WorkingHoursEntry
        {
            Start = person.WorkingHours.Start.ToString("HH:mm", CultureInfo.InvariantCulture),
            End = person.WorkingHours.End.ToString("HH:mm", CultureInfo.InvariantCulture),
            Days = [.. person.WorkingHours.Days.Select(d => d.ToString())],
        };
        return entry;
    }
}

/// <summary>A team as <c>GET /api/teams</c> lists it.</summary>
internal sealed record TeamView(string Id, string Name, PersonView Manager, int Sellers);

/// <summary>Someone's id and name.</summary>
internal sealed record PersonView(string Id, string Name);

/// <summary>What an import stored.</summary>
internal sealed record RosterImported(DateTimeOffset ImportedAt, int Teams, int Managers, int Sellers);
