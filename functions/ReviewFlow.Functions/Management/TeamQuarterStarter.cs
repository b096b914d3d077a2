using ReviewFlow.Domain.People;
using ReviewFlow.Domain.Policy;
using ReviewFlow.Domain.Quarters;
using ReviewFlow.Durable;
using ReviewFlow.Workflows.Cycle;
using ReviewFlow.Workflows.Team;

namespace ReviewFlow.Functions.Management;

/// <summary>One team: "started", "alreadyStarted" or "noSellers", and its cycles' ids.</summary>
internal sealed record TeamStarted(string Team, string InstanceId, string Status, string Message, IReadOnlyList<string> Cycles)
{
    public const string Started = "started";
    public const string AlreadyStarted = "alreadyStarted";
    public const string NoSellers = "noSellers";
}

/// <summary>
/// Starts a team's quarter from the roster: one <see cref="TeamQuarterOrchestrator"/> under the team's deterministic
/// id, so a second start (the API again, or the kickoff timer) starts nothing new. The API and the timer share it.
/// </summary>
internal static class TeamQuarterStarter
{
    public static async Task<TeamStarted> StartAsync(DurableTaskClient client, Roster roster, Manager manager, Quarter quarter, ReviewPolicy policy, CancellationToken ct)
    {
        var id = CycleIds.ForTeam(quarter.Label, manager.Person.Id);
        var sellers = roster.SellersOf(manager.Person.Id);
        var cycles = sellers.Select(s => CycleIds.ForSeller(quarter.Label, s.Person.Id)).ToList();
        if (sellers.Count == 0)
        {
            return new TeamStarted(manager.Person.Id, id, TeamStarted.NoSellers, "The roster gives this manager no sellers; nothing to start.", []);
        }

        if (await client.GetInstanceAsync(id, cancellationToken: ct) is not null)
        {
            return new TeamStarted(manager.Person.Id, id, TeamStarted.AlreadyStarted, "This quarter was already started for this team; nothing new was started.", cycles);
        }

        var team = new Team(manager, [.. sellers.Select(s => s.Seller)]);
        var templates = sellers.ToDictionary(s => s.Person.Id, s => s.RoleTemplate, StringComparer.Ordinal);
        await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(TeamQuarterOrchestrator), new TeamQuarter(quarter, policy, team, templates), new StartOrchestrationOptions(id), ct);
        return new TeamStarted(manager.Person.Id, id, TeamStarted.Started, $"Started: one cycle for each of {sellers.Count} seller(s).", cycles);
    }
}
