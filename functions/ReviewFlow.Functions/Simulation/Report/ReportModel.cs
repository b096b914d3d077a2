using System.Text.Json.Nodes;

using ReviewFlow.Integrations.Journal;

namespace ReviewFlow.Functions.Simulation.Report;

/// <summary>The timeline grouped by team and seller in one pass, in order of first appearance.</summary>
internal sealed class ReportModel
{
    private ReportModel(List<TeamModel> teams) => Teams = teams;

    public List<TeamModel> Teams { get; }

    public static ReportModel Build(IReadOnlyList<JournalEntry>? timeline)
    {
        var teams = new List<TeamModel>();
        var byTeam = new Dictionary<string, TeamModel>(StringComparer.Ordinal);
        if (timeline is not null)
        {
            foreach (var entry in timeline)
            {
                if (entry is null)
                {
                    continue;
                }

                var teamId = entry.Team ?? string.Empty;
                if (!byTeam.TryGetValue(teamId, out var team))
                {
                    team = new TeamModel(teamId);
                    byTeam.Add(teamId, team);
                    teams.Add(team);
                }

                team.Add(entry);
            }
        }

        foreach (var team in teams)
        {
            team.Complete();
        }

        return new ReportModel(teams);
    }
}

internal sealed class TeamModel(string id)
{
    private readonly Dictionary<string, SellerModel> bySeller = new(StringComparer.Ordinal);

    public string Id { get; } = id;

    public string Name { get; private set; } = id;

    public List<SellerModel> Sellers { get; } = [];

    public List<JournalEntry> TeamEntries { get; } = [];

    public void Add(JournalEntry entry)
    {
        if (entry.Seller is null)
        {
            TeamEntries.Add(entry);
            return;
        }

        if (!bySeller.TryGetValue(entry.Seller, out var seller))
        {
            seller = new SellerModel(entry.Seller);
            bySeller.Add(entry.Seller, seller);
            Sellers.Add(seller);
        }

        seller.Entries.Add(entry);
    }

    public void Complete()
    {
        string? manager = null;
        foreach (var seller in Sellers)
        {
            seller.Complete();
            manager ??= seller.ManagerName;
        }

        foreach (var entry in TeamEntries)
        {
            if (manager is not null)
            {
                break;
            }

            manager = JsonRead.Str(entry.Data, "managerName");
        }

        Name = string.IsNullOrWhiteSpace(manager) ? (string.IsNullOrEmpty(Id) ? "(no team)" : Id) : manager;
    }
}

internal sealed class SellerModel(string id)
{
    public string Id { get; } = id;

    public string Name { get; private set; } = id;

    public string? ManagerName { get; private set; }

    public string? Cadence { get; private set; }

    public List<JournalEntry> Entries { get; private set; } = [];

    public List<ReviewPoint> Reviews { get; } = [];

    /// <summary>Metric keys over all reviews, in order of first appearance.</summary>
    public List<string> MetricKeys { get; } = [];

    public ReportPhase Phase { get; private set; }

    public void Complete()
    {
        if (!IsOrdered(Entries))
        {
            Entries = [.. Entries.OrderBy(e => e.At)];
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in Entries)
        {
            switch (entry.Type)
            {
                case "CycleStarted":
                    var name = JsonRead.Str(entry.Data, "sellerName");
                    if (!string.IsNullOrWhiteSpace(name))
                    {
                        Name = name;
                    }

                    ManagerName ??= JsonRead.Str(entry.Data, "managerName");
                    Cadence ??= JsonRead.Str(entry.Data, "cadence");
                    break;
                case "ReviewHeld":
                    var review = ReviewPoint.From(entry);
                    Reviews.Add(review);
                    foreach (var key in review.Metrics.Keys)
                    {
                        if (keys.Add(key))
                        {
                            MetricKeys.Add(key);
                        }
                    }

                    break;
                default:
                    break;
            }
        }

        Phase = ReportPhases.Derive(Entries);
    }

    private static bool IsOrdered(List<JournalEntry> entries)
    {
        for (var i = 1; i < entries.Count; i++)
        {
            if (entries[i].At < entries[i - 1].At)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>One metric of one review.</summary>
internal sealed record MetricPoint(double? Actual, double? Plan, double? Ratio);

/// <summary>One <c>ReviewHeld</c>.</summary>
internal sealed record ReviewPoint(DateTime At, List<int> Weeks, string Status, Dictionary<string, MetricPoint> Metrics)
{
    public string WeeksLabel => Fmt.Weeks(Weeks);

    public static ReviewPoint From(JournalEntry entry)
    {
        var data = entry.Data;
        var metrics = new Dictionary<string, MetricPoint>(StringComparer.Ordinal);
        if (JsonRead.Obj(data, "metrics") is { } map)
        {
            foreach (var (key, node) in map)
            {
                var m = node as JsonObject;
                metrics[key] = new MetricPoint(JsonRead.Num(m, "actual"), JsonRead.Num(m, "plan"), JsonRead.Num(m, "ratio"));
            }
        }

        var status = JsonRead.Str(data, "status");
        if (string.IsNullOrWhiteSpace(status))
        {
            status = metrics.Values.Any(m => m.Actual is not null) ? "unknown" : "noData";
        }

        return new ReviewPoint(entry.At, JsonRead.Ints(data, "weeks"), status, metrics);
    }
}
