using System.Text.Json.Nodes;
using ReviewFlow.Domain.People;
using ReviewFlow.Domain.Policy;
using ReviewFlow.Domain.Quarters;
using ReviewFlow.Durable;
using ReviewFlow.Workflows.Cycle;
using ReviewFlow.Workflows.Shared;

namespace ReviewFlow.Workflows.Team;

/// <summary>A team's quarter to start: one cycle per seller, each with its role template.</summary>
public sealed record TeamQuarter(Quarter Quarter, ReviewPolicy Policy, Domain.People.Team Team, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> RoleTemplates);

/// <summary>
/// Starts a team's quarter: records it and starts one seller cycle per seller with a deterministic id, so
/// starting the same quarter twice (a retried kickoff, two timer firings) starts nothing new.
/// </summary>
public sealed class TeamQuarterOrchestrator : TaskOrchestrator<TeamQuarter, int>
{
    /// <inheritdoc/>
    public override async Task<int> RunAsync(TaskOrchestrationContext context, TeamQuarter input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var manager = input.Team.Manager;
        var stamp = new Stamp(manager.Person.Id, null, context.CurrentUtcDateTime);
        await context.CallActivityAsync(nameof(RecordJournal), new JournalCommand(stamp, [new PendingEntry("QuarterStarted", new JsonObject
        {
            ["quarter"] = input.Quarter.Label,
            ["managerName"] = manager.Person.Name,
            ["sellers"] = input.Team.Sellers.Count,
        })]));
        var cycles = input.Team.Sellers
            .Select(seller => new CycleToStart(
                CycleIds.ForSeller(input.Quarter.Label, seller.Person.Id),
                new CycleInput(
                    new CycleProfile(input.Quarter, input.Policy, manager, seller, input.RoleTemplates.GetValueOrDefault(seller.Person.Id) ?? new Dictionary<string, double>()),
                    CycleProgress.Start)))
            .ToList();
        return await context.CallActivityAsync<int>(nameof(StartSellerCycles), cycles);
    }
}

/// <summary>A cycle to start under its deterministic id.</summary>
public sealed record CycleToStart(string InstanceId, CycleInput Input);

/// <summary>Schedules the seller cycles; the engine ignores an id that already exists, which makes this safe to repeat.</summary>
public sealed class StartSellerCycles(DurableTaskClient client) : TaskActivity<IReadOnlyList<CycleToStart>, int>
{
    /// <inheritdoc/>
    public override async Task<int> RunAsync(TaskActivityContext context, IReadOnlyList<CycleToStart> input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        foreach (var cycle in input)
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(SellerCycleOrchestrator),
                cycle.Input,
                new StartOrchestrationOptions(cycle.InstanceId),
                context.CancellationToken);
        }

        return input.Count;
    }
}
