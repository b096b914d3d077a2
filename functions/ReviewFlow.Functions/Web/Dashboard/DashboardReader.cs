using System.Text.Json;

using ReviewFlow.Durable;
using ReviewFlow.Functions.Web.Auth;
using ReviewFlow.Integrations.Journal;
using ReviewFlow.Workflows.Cycle;
using ReviewFlow.Workflows.Team;

namespace ReviewFlow.Functions.Web.Dashboard;

/// <summary>
/// The reads behind the dashboard, each sized to its page: the quarter index is the small <c>quarter-</c> prefix of
/// the journal; a team board reads its team's quarter input and then only its own sellers' cycles; the roll-up makes
/// one pass over the quarter's journal prefix and reads one input per team, never one per seller.
/// </summary>
internal sealed class DashboardReader(ICycleJournal journal, DurableTaskClient client)
{
    /// <summary>Cycles or teams read at once: enough to hide latency, few enough to be a polite storage client.</summary>
    private const int ParallelReads = 8;

    /// <summary>The quarters and teams <paramref name="viewer"/> may see.</summary>
    public async Task<QuarterIndex> QuartersAsync(Viewer viewer, CancellationToken ct)
    {
        var entries = new List<JournalEntry>();
        await foreach (var entry in journal.ReadAllAsync(CycleIds.TeamPrefix, ct))
        {
            entries.Add(entry);
        }

        return QuarterIndex.Build(entries, viewer.CanSeeTeam);
    }

    /// <summary>The team's quarter as started, merged over every start of it; <see cref="TeamPlan.Unknown"/> when none can be read.</summary>
    public async Task<TeamPlan> PlanAsync(StartedTeam team, CancellationToken ct)
    {
        var plan = TeamPlan.Unknown(team.Team, team.ManagerName);
        foreach (var id in team.InstanceIds)
        {
            if (await TeamQuarterAsync(id, ct) is { } input && input.Team.Manager.Person.Id == team.Team)
            {
                plan = plan.Merge(TeamPlan.From(input));
            }
        }

        return plan;
    }

    /// <summary>The plans of many teams, a few at a time.</summary>
    public async Task<IReadOnlyList<TeamPlan>> PlansAsync(IReadOnlyList<StartedTeam> teams, CancellationToken ct)
    {
        var plans = new TeamPlan[teams.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, teams.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = ct },
            async (i, token) => plans[i] = await PlanAsync(teams[i], token));
        return plans;
    }

    /// <summary>The journals of <paramref name="cycleIds"/>, each in its own order, one cycle after another.</summary>
    public async Task<IReadOnlyList<JournalEntry>> CyclesAsync(IReadOnlyList<string> cycleIds, CancellationToken ct)
    {
        var journals = new IReadOnlyList<JournalEntry>[cycleIds.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, cycleIds.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = ct },
            async (i, token) => journals[i] = await journal.ReadCycleAsync(cycleIds[i], token));
        return [.. journals.SelectMany(j => j)];
    }

    /// <summary>Every entry of every cycle of <paramref name="quarter"/> (the id prefix; callers filter longer labels out).</summary>
    public async Task<IReadOnlyList<JournalEntry>> QuarterAsync(string quarter, CancellationToken ct)
    {
        var entries = new List<JournalEntry>();
        await foreach (var entry in journal.ReadAllAsync(CycleIds.ForSeller(quarter, ""), ct))
        {
            entries.Add(entry);
        }

        return entries;
    }

    /// <summary>One cycle's journal.</summary>
    public Task<IReadOnlyList<JournalEntry>> CycleAsync(string cycleId, CancellationToken ct) => journal.ReadCycleAsync(cycleId, ct);

    /// <summary>The cycle's engine instance and its input, or nulls when there is none (or it cannot be read).</summary>
    public async Task<(OrchestrationMetadata? Instance, CycleInput? Input)> InstanceAsync(string cycleId, CancellationToken ct)
    {
        var instance = await client.GetInstanceAsync(cycleId, getInputsAndOutputs: true, ct);
        if (instance is null || instance.Name != nameof(SellerCycleOrchestrator))
        {
            return (null, null);
        }

        try
        {
            return (instance, instance.ReadInputAs<CycleInput>());
        }
        catch (JsonException)
        {
            return (instance, null);
        }
    }

    /// <summary>The cycles of <paramref name="quarter"/> the engine has marked failed: one query on the status, not a read per cycle.</summary>
    public async Task<IReadOnlySet<string>> FailedAsync(string quarter, CancellationToken ct)
    {
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var query = new OrchestrationQuery
        {
            Name = nameof(SellerCycleOrchestrator),
            InstanceIdPrefix = CycleIds.ForSeller(quarter, ""),
            Statuses = [OrchestrationRuntimeStatus.Failed],
            PageSize = 1000,
        };
        await foreach (var instance in client.GetAllInstancesAsync(query, ct))
        {
            failed.Add(instance.InstanceId);
        }

        return failed;
    }

    private async Task<TeamQuarter?> TeamQuarterAsync(string instanceId, CancellationToken ct)
    {
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, ct);
        if (instance is null || instance.Name != nameof(TeamQuarterOrchestrator))
        {
            return null;
        }

        try
        {
            return instance.ReadInputAs<TeamQuarter>();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
