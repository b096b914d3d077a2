using ReviewFlow.Integrations.Journal;

namespace ReviewFlow.Functions.Web.Dashboard;

/// <summary>One team's health for the quarter (or the total over every team).</summary>
/// <param name="Team">The manager's id ("" for the total).</param>
/// <param name="ManagerName">The manager's name ("All teams" for the total).</param>
/// <param name="Sellers">Sellers with a cycle.</param>
/// <param name="ByPhase">Sellers in each phase.</param>
/// <param name="ReviewsHeld">Reviews held so far.</param>
/// <param name="ReviewsDue">Reviews the cadences should have held by now, or null when the quarter's dates are unknown.</param>
/// <param name="Below">Reviews below plan.</param>
/// <param name="OnTrack">Reviews on track.</param>
/// <param name="Above">Reviews above plan.</param>
/// <param name="NoData">Reviews held without a check-in (no status).</param>
/// <param name="CoachingOpen">Sellers with coaching open.</param>
/// <param name="Recognitions">Recognitions sent.</param>
/// <param name="Agreement">Sellers by where their targets stand.</param>
internal sealed record TeamHealth(
    string Team,
    string ManagerName,
    int Sellers,
    IReadOnlyDictionary<DashboardPhase, int> ByPhase,
    int ReviewsHeld,
    int? ReviewsDue,
    int Below,
    int OnTrack,
    int Above,
    int NoData,
    int CoachingOpen,
    int Recognitions,
    IReadOnlyDictionary<AgreementStatus, int> Agreement)
{
    /// <summary>Reviews with a status (a check-in came in).</summary>
    public int WithStatus => Below + OnTrack + Above;

    public int InPhase(DashboardPhase phase) => ByPhase.GetValueOrDefault(phase);

    public int WithAgreement(AgreementStatus status) => Agreement.GetValueOrDefault(status);
}

/// <summary>
/// RevOps' roll-up of a quarter across teams, from one pass over the quarter's journal: per team, sellers by phase,
/// reviews held against those due, the share of reviews below, on track and above plan, coaching, recognition, and
/// where the targets stand.
/// </summary>
internal sealed class RevOpsRollup
{
    private RevOpsRollup(string quarter, IReadOnlyList<TeamHealth> teams, TeamHealth total)
    {
        Quarter = quarter;
        Teams = teams;
        Total = total;
    }

    public string Quarter { get; }

    /// <summary>Teams by manager name.</summary>
    public IReadOnlyList<TeamHealth> Teams { get; }

    public TeamHealth Total { get; }

    /// <summary>
    /// The roll-up of <paramref name="entries"/> (the quarter's journal, in journal order) for the teams of
    /// <paramref name="plans"/>. A cycle missing from the plans still counts, under its journal team, when its
    /// <c>CycleStarted</c> names this quarter (so a longer label sharing the id prefix is not mixed in).
    /// </summary>
    public static RevOpsRollup Build(string quarter, IEnumerable<JournalEntry> entries, DateTime now, IReadOnlyList<TeamPlan> plans)
    {
        var cycles = new Dictionary<string, CycleFacts>(StringComparer.Ordinal);
        var planned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var plan in plans)
        {
            foreach (var seller in plan.Sellers)
            {
                cycles[seller.CycleId] = new CycleFacts(seller.CycleId).Known(plan.Team, seller.SellerId, seller.Name, plan.ManagerName);
                planned.Add(seller.CycleId);
            }
        }

        foreach (var entry in entries)
        {
            if (entry.Seller is null)
            {
                continue;
            }

            if (!cycles.TryGetValue(entry.CycleId, out var cycle))
            {
                cycle = new CycleFacts(entry.CycleId);
                cycles.Add(entry.CycleId, cycle);
            }

            cycle.Add(entry);
        }

        var plansByTeam = plans.ToDictionary(p => p.Team, StringComparer.Ordinal);
        var teams = cycles.Values
            .Select(c => c.Complete(now))
            .Where(c => planned.Contains(c.CycleId) || c.Quarter == quarter)
            .GroupBy(c => c.Team, StringComparer.Ordinal)
            .Select(g => Health(g.Key, plansByTeam.GetValueOrDefault(g.Key), [.. g], now))
            .Concat(plans.Where(p => p.Sellers.Count == 0).Select(p => Health(p.Team, p, [], now)))
            .OrderBy(t => t.ManagerName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(t => t.Team, StringComparer.Ordinal)
            .ToList();
        return new RevOpsRollup(quarter, teams, Sum(teams));
    }

    private static TeamHealth Health(string team, TeamPlan? plan, IReadOnlyList<CycleFacts> sellers, DateTime now)
    {
        int? due = null;
        if (plan?.Quarter is { } quarter)
        {
            var cadences = plan.Sellers.ToDictionary(s => s.CycleId, s => s.CadenceDays, StringComparer.Ordinal);
            due = 0;
            foreach (var seller in sellers)
            {
                var days = cadences.TryGetValue(seller.CycleId, out var planned) && planned > 0 ? planned : ReviewsDue.CadenceDays(seller.Cadence);
                due += days is { } d ? ReviewsDue.By(quarter, d, now) : 0;
            }
        }

        var reviews = sellers.SelectMany(s => s.Reviews).ToList();
        var name = plan?.ManagerName ?? sellers.Select(s => s.ManagerName).FirstOrDefault() ?? team;
        return new TeamHealth(
            team,
            name,
            sellers.Count,
            sellers.GroupBy(s => s.Phase).ToDictionary(g => g.Key, g => g.Count()),
            reviews.Count,
            due,
            reviews.Count(r => r.Status == "below"),
            reviews.Count(r => r.Status == "onTrack"),
            reviews.Count(r => r.Status == "above"),
            reviews.Count(r => r.Status is not ("below" or "onTrack" or "above")),
            sellers.Count(s => s.CoachingOpen),
            sellers.Sum(s => s.Recognitions),
            sellers.GroupBy(s => s.Agreement).ToDictionary(g => g.Key, g => g.Count()));
    }

    private static TeamHealth Sum(IReadOnlyList<TeamHealth> teams) => new(
        "",
        "All teams",
        teams.Sum(t => t.Sellers),
        Enum.GetValues<DashboardPhase>().ToDictionary(p => p, p => teams.Sum(t => t.InPhase(p))),
        teams.Sum(t => t.ReviewsHeld),
        teams.Count > 0 && teams.All(t => t.ReviewsDue is not null) ? teams.Sum(t => t.ReviewsDue!.Value) : null,
        teams.Sum(t => t.Below),
        teams.Sum(t => t.OnTrack),
        teams.Sum(t => t.Above),
        teams.Sum(t => t.NoData),
        teams.Sum(t => t.CoachingOpen),
        teams.Sum(t => t.Recognitions),
        Enum.GetValues<AgreementStatus>().ToDictionary(a => a, a => teams.Sum(t => t.WithAgreement(a))));
}
