using ReviewFlow.Domain.People;

namespace ReviewFlow.Functions.Management;

/// <summary>
/// Who works for whom: every manager and seller, and the teams' display names. A team is a manager's sellers, so
/// a team's id is its manager's id (the id cycles and the journal use). Only ever built from a valid import.
/// </summary>
internal sealed record Roster(IReadOnlyList<RosterTeam> Teams, IReadOnlyList<Manager> Managers, IReadOnlyList<RosterSeller> Sellers)
{
    public static Roster Empty { get; } = new([], [], []);

    public Manager? FindManager(string id) => Managers.FirstOrDefault(m => string.Equals(m.Person.Id, id, StringComparison.Ordinal));

    /// <summary>The team's display name: its team entry's, else the manager's name.</summary>
    public string TeamName(Manager manager) =>
        Teams.FirstOrDefault(t => string.Equals(t.ManagerId, manager.Person.Id, StringComparison.Ordinal))?.Name ?? $"{manager.Person.Name}'s team";

    public IReadOnlyList<RosterSeller> SellersOf(string managerId) =>
        [.. Sellers.Where(s => string.Equals(s.ManagerId, managerId, StringComparison.Ordinal))];
}

/// <summary>A team's display name; the team is the sellers of <paramref name="ManagerId"/>.</summary>
internal sealed record RosterTeam(string ManagerId, string Name);

/// <summary>A seller, their manager, and the role template that pre-fills their expectation set.</summary>
internal sealed record RosterSeller(Seller Seller, string ManagerId, IReadOnlyDictionary<string, double> RoleTemplate)
{
    public Person Person => Seller.Person;
}
