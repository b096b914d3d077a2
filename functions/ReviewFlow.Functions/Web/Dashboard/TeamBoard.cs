using ReviewFlow.Functions.Simulation.Report;
using ReviewFlow.Integrations.Journal;

namespace ReviewFlow.Functions.Web.Dashboard;

/// <summary>A seller the team's quarter started, known before any of their cycle's entries are read.</summary>
/// <param name="CycleId">The seller's cycle.</param>
/// <param name="SellerId">The seller's id.</param>
/// <param name="Name">The seller's name.</param>
/// <param name="CadenceDays">Days between the seller's reviews this quarter.</param>
internal sealed record ExpectedSeller(string CycleId, string SellerId, string Name, int CadenceDays);

/// <summary>A manager's team board for one quarter: one row per seller, by name.</summary>
internal sealed class TeamBoard
{
    /// <summary>How many recent review statuses a row shows: the coaching rule's window (3 of the last 4).</summary>
    public const int RecentReviews = 4;

    private TeamBoard(string team, string managerName, string quarter, IReadOnlyList<CycleFacts> sellers)
    {
        Team = team;
        ManagerName = managerName;
        Quarter = quarter;
        Sellers = sellers;
    }

    public string Team { get; }

    public string ManagerName { get; }

    public string Quarter { get; }

    public IReadOnlyList<CycleFacts> Sellers { get; }

    /// <summary>
    /// The board of <paramref name="team"/> from journal entries (other teams' entries are ignored), with a row for
    /// every <paramref name="expected"/> seller even when their cycle has written nothing yet.
    /// </summary>
    public static TeamBoard Build(string team, string managerName, string quarter, IEnumerable<JournalEntry> entries, DateTime now, IReadOnlyList<ExpectedSeller>? expected = null)
    {
        var cycles = new Dictionary<string, CycleFacts>(StringComparer.Ordinal);
        foreach (var seller in expected ?? [])
        {
            cycles[seller.CycleId] = new CycleFacts(seller.CycleId).Known(team, seller.SellerId, seller.Name, managerName);
        }

        foreach (var entry in entries)
        {
            if (entry.Team != team || entry.Seller is null)
            {
                continue;
            }

            if (!cycles.TryGetValue(entry.CycleId, out var cycle))
            {
                cycle = new CycleFacts(entry.CycleId).Known(team, entry.Seller, entry.Seller, managerName);
                cycles.Add(entry.CycleId, cycle);
            }

            cycle.Add(entry);
        }

        var rows = cycles.Values
            .Select(c => c.Complete(now))
            .OrderBy(c => c.SellerName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(c => c.CycleId, StringComparer.Ordinal)
            .ToList();
        return new TeamBoard(team, managerName, quarter, rows);
    }

    /// <summary>The last <see cref="RecentReviews"/> reviews of a seller, oldest first.</summary>
    public static IReadOnlyList<ReviewPoint> Recent(CycleFacts seller) =>
        seller.Reviews.Count <= RecentReviews ? seller.Reviews : [.. seller.Reviews.Skip(seller.Reviews.Count - RecentReviews)];
}
