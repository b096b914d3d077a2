using ReviewFlow.Domain.People;
using ReviewFlow.Domain.Policy;
using ReviewFlow.Domain.Quarters;
using ReviewFlow.Workflows.Cycle;
using ReviewFlow.Workflows.Team;

namespace ReviewFlow.Functions.Web.Dashboard;

/// <summary>
/// A team's quarter as it was started (the team quarter orchestration's input): its dates, rules, the manager's time
/// zone and the sellers with their cadences. Dates, rules and zone are null when the input could not be read.
/// </summary>
/// <param name="Team">The manager's id.</param>
/// <param name="ManagerName">The manager's name.</param>
/// <param name="Quarter">The quarter's dates.</param>
/// <param name="Policy">The rules in force.</param>
/// <param name="Zone">The manager's time zone, for the times on the board.</param>
/// <param name="Sellers">The sellers started.</param>
internal sealed record TeamPlan(string Team, string ManagerName, Quarter? Quarter, ReviewPolicy? Policy, TimeZoneInfo? Zone, IReadOnlyList<ExpectedSeller> Sellers)
{
    /// <summary>A plan with nothing but the team's name, for a team whose quarter input could not be read.</summary>
    public static TeamPlan Unknown(string team, string managerName) => new(team, managerName, null, null, null, []);

    /// <summary>The plan of one team quarter's input.</summary>
    public static TeamPlan From(TeamQuarter input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var manager = input.Team.Manager.Person;
        var sellers = input.Team.Sellers
            .Select(s => new ExpectedSeller(
                CycleIds.ForSeller(input.Quarter.Label, s.Person.Id),
                s.Person.Id,
                s.Person.Name,
                Cadence.For(s.StartedOn, input.Quarter.Start, input.Policy).IntervalDays))
            .ToList();
        return new TeamPlan(manager.Id, manager.Name, input.Quarter, input.Policy, TimeZones.TryFind(manager.TimeZone, out var zone) ? zone : null, sellers);
    }

    /// <summary>This plan with <paramref name="other"/>'s sellers added (a team quarter started more than once).</summary>
    public TeamPlan Merge(TeamPlan other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var known = Sellers.Select(s => s.CycleId).ToHashSet(StringComparer.Ordinal);
        return this with
        {
            Quarter = Quarter ?? other.Quarter,
            Policy = Policy ?? other.Policy,
            Zone = Zone ?? other.Zone,
            Sellers = [.. Sellers, .. other.Sellers.Where(s => !known.Contains(s.CycleId))],
        };
    }
}
