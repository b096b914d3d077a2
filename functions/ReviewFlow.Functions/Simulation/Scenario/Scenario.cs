using ReviewFlow.Domain.People;
using ReviewFlow.Domain.Policy;
using ReviewFlow.Domain.Quarters;
using ReviewFlow.Domain.Scheduling;

namespace ReviewFlow.Functions.Simulation.Scenario;

/// <summary>A validated simulation scenario: one quarter, one policy, one or more teams (see SCENARIO.md).</summary>
/// <param name="Quarter">The quarter simulated.</param>
/// <param name="Policy">The rules applied (METHOD.md defaults overridden by the file's <c>policy</c>).</param>
/// <param name="Teams">The teams, in file order.</param>
/// <param name="Description">The file's free-text <c>description</c>, if any.</param>
public sealed record Scenario(Quarter Quarter, ReviewPolicy Policy, IReadOnlyList<ScenarioTeam> Teams, string? Description = null)
{
    /// <summary>Every seller of every team, in file order.</summary>
    public IEnumerable<ScenarioSeller> AllSellers => Teams.SelectMany(t => t.Sellers);
}

/// <summary>A manager with their calendar and their sellers.</summary>
/// <param name="Manager">The manager (with the escalation address, if given).</param>
/// <param name="ManagerBusy">The manager's busy blocks (UTC).</param>
/// <param name="Sellers">The sellers, in file order.</param>
public sealed record ScenarioTeam(Manager Manager, IReadOnlyList<TimeRange> ManagerBusy, IReadOnlyList<ScenarioSeller> Sellers);

/// <summary>A seller, the targets the manager proposes, and how the simulated people answer.</summary>
/// <param name="Seller">The seller.</param>
/// <param name="Proposed">The manager's Define step: metric → quarter total or per-week figure, in file order.</param>
/// <param name="Script">The seller's and the manager's scripted answers.</param>
/// <param name="Busy">The seller's busy blocks (UTC).</param>
public sealed record ScenarioSeller(Seller Seller, IReadOnlyDictionary<string, double> Proposed, SellerScript Script, IReadOnlyList<TimeRange> Busy);
