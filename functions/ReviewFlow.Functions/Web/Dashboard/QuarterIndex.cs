using ReviewFlow.Functions.Simulation.Report;
using ReviewFlow.Integrations.Journal;

namespace ReviewFlow.Functions.Web.Dashboard;

/// <summary>A team's quarter as started (its <c>QuarterStarted</c> entries).</summary>
/// <param name="Quarter">The quarter's label.</param>
/// <param name="Team">The manager's id.</param>
/// <param name="ManagerName">The manager's name.</param>
/// <param name="Sellers">Sellers started.</param>
/// <param name="InstanceIds">The team quarter orchestrations that started them (one, unless started more than once).</param>
/// <param name="StartedAt">When the quarter was first started for the team.</param>
internal sealed record StartedTeam(string Quarter, string Team, string ManagerName, int Sellers, IReadOnlyList<string> InstanceIds, DateTime StartedAt);

/// <summary>
/// Which quarters have cycles and which teams each has, from the <c>QuarterStarted</c> entries every team quarter
/// writes: a handful of rows per quarter, so the dashboard finds its quarter and teams without touching the cycles.
/// </summary>
internal sealed class QuarterIndex
{
    private readonly Dictionary<string, List<StartedTeam>> _teams;

    private QuarterIndex(List<string> quarters, Dictionary<string, List<StartedTeam>> teams)
    {
        Quarters = quarters;
        _teams = teams;
    }

    /// <summary>The quarters, latest first (by when they were first started).</summary>
    public IReadOnlyList<string> Quarters { get; }

    /// <summary>
    /// The index of the <c>QuarterStarted</c> entries among <paramref name="entries"/>, keeping only the teams
    /// <paramref name="visible"/> allows (a manager's own team; every team for RevOps).
    /// </summary>
    public static QuarterIndex Build(IEnumerable<JournalEntry> entries, Func<string, bool> visible)
    {
        var byKey = new Dictionary<(string Quarter, string Team), StartedTeam>();
        foreach (var entry in entries)
        {
            if (entry.Type != "QuarterStarted" || JsonRead.Str(entry.Data, "quarter") is not { Length: > 0 } quarter || !visible(entry.Team))
            {
                continue;
            }

            var name = JsonRead.Str(entry.Data, "managerName") ?? entry.Team;
            var sellers = JsonRead.Int(entry.Data, "sellers") ?? 0;
            byKey[(quarter, entry.Team)] = byKey.TryGetValue((quarter, entry.Team), out var known)
                ? known with
                {
                    // Started again under another id (a retried kickoff, a team grown mid-quarter): one team, every id.
                    Sellers = known.InstanceIds.Contains(entry.CycleId) ? known.Sellers : known.Sellers + sellers,
                    InstanceIds = known.InstanceIds.Contains(entry.CycleId) ? known.InstanceIds : [.. known.InstanceIds, entry.CycleId],
                    StartedAt = entry.At < known.StartedAt ? entry.At : known.StartedAt,
                }
                : new StartedTeam(quarter, entry.Team, name, sellers, [entry.CycleId], entry.At);
        }

        var teams = byKey.Values
            .GroupBy(t => t.Quarter, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(t => t.ManagerName, StringComparer.OrdinalIgnoreCase).ThenBy(t => t.Team, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var quarters = teams
            .OrderByDescending(q => q.Value.Min(t => t.StartedAt))
            .ThenByDescending(q => q.Key, StringComparer.Ordinal)
            .Select(q => q.Key)
            .ToList();
        return new QuarterIndex(quarters, teams);
    }

    /// <summary>The teams started in <paramref name="quarter"/>, by manager name.</summary>
    public IReadOnlyList<StartedTeam> Teams(string quarter) => _teams.TryGetValue(quarter, out var teams) ? teams : [];

    /// <summary>One team's start in <paramref name="quarter"/>, or null.</summary>
    public StartedTeam? Team(string quarter, string team) => Teams(quarter).FirstOrDefault(t => t.Team == team);

    /// <summary>The quarter to show: <paramref name="requested"/> when it has cycles, else (nothing asked for) the latest; null when neither.</summary>
    public string? Pick(string? requested) => requested is null ? Quarters.FirstOrDefault() : _teams.ContainsKey(requested) ? requested : null;
}
