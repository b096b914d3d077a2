using System.Text;

using ReviewFlow.Functions.Simulation.Report;

using static ReviewFlow.Functions.Web.Dashboard.DashboardHtml;
using static ReviewFlow.Functions.Web.Html.Html;

namespace ReviewFlow.Functions.Web.Dashboard;

/// <summary>The HTML of the team board: a line per phase count, then one table row per seller.</summary>
internal static class TeamBoardPage
{
    /// <param name="board">The board.</param>
    /// <param name="zone">The zone the times are shown in (the manager's).</param>
    /// <param name="failed">Cycles the engine stopped with an error.</param>
    /// <param name="quarters">Other quarters the viewer can switch to.</param>
    /// <param name="teamInLinks">The team to keep in quarter links (RevOps looking at one team), or null.</param>
    public static string Body(TeamBoard board, TimeZoneInfo zone, IReadOnlySet<string> failed, IReadOnlyList<string> quarters, string? teamInLinks)
    {
        var html = new StringBuilder();
        QuarterLinks(html, board.Quarter, quarters, teamInLinks);
        html.Append("<p class=\"summary\">").Append(E(Count(board.Sellers.Count, "seller", "sellers"))).Append(": ");
        var first = true;
        foreach (var phase in Enum.GetValues<DashboardPhase>())
        {
            var n = board.Sellers.Count(s => s.Phase == phase);
            if (n > 0)
            {
                html.Append(first ? "" : ", ").Append(n).Append(' ').Append(E(PhaseName(phase)));
                first = false;
            }
        }

        html.Append(".</p>");
        if (board.Sellers.Count == 0)
        {
            return html.Append("<p>No seller cycles have started for this team in ").Append(E(board.Quarter)).Append(".</p>").ToString();
        }

        html.Append(ZoneNote(zone))
            .Append("<div class=\"scroll\"><table class=\"board\"><caption>Each seller's cycle: open a name for the targets, charts and history</caption>")
            .Append("<thead><tr><th scope=\"col\">Seller</th><th scope=\"col\">Phase</th><th scope=\"col\">Next review</th>")
            .Append("<th scope=\"col\">Last reviews <span class=\"hint\">(oldest first)</span></th><th scope=\"col\">Coaching</th>")
            .Append("<th scope=\"col\" class=\"num\">Recognitions</th><th scope=\"col\">ReviewFlow is waiting for</th></tr></thead><tbody>");
        foreach (var seller in board.Sellers)
        {
            Row(html, seller, zone, failed.Contains(seller.CycleId));
        }

        return html.Append("</tbody></table></div>").ToString();
    }

    /// <summary>RevOps without a team chosen: the quarter's teams, each a link to its board.</summary>
    public static string TeamPicker(string quarter, IReadOnlyList<StartedTeam> teams, IReadOnlyList<string> quarters)
    {
        var html = new StringBuilder();
        QuarterLinks(html, quarter, quarters, null);
        html.Append("<p>Choose a team to see its board, or see <a href=\"").Append(E(RevOpsLink(quarter))).Append("\">every team's health in one table</a>.</p>");
        if (teams.Count == 0)
        {
            return html.Append("<p>No team has started ").Append(E(quarter)).Append(".</p>").ToString();
        }

        html.Append("<ul class=\"teams\">");
        foreach (var team in teams)
        {
            html.Append("<li><a href=\"").Append(E(BoardLink(quarter, team.Team))).Append("\">").Append(E(team.ManagerName)).Append("'s team</a> <span class=\"hint\">(")
                .Append(E(Count(team.Sellers, "seller", "sellers"))).Append(")</span></li>");
        }

        return html.Append("</ul>").ToString();
    }

    /// <summary>Links to the other quarters the viewer can see (the current one is marked, not linked).</summary>
    public static void QuarterLinks(StringBuilder html, string current, IReadOnlyList<string> quarters, string? team, bool revOps = false)
    {
        if (quarters.Count < 2)
        {
            return;
        }

        html.Append("<nav class=\"quarters\" aria-label=\"Quarters\"><span>Quarter:</span>");
        foreach (var quarter in quarters)
        {
            html.Append(quarter == current
                ? $"<strong aria-current=\"page\">{E(quarter)}</strong>"
                : $"<a href=\"{E(revOps ? RevOpsLink(quarter) : BoardLink(quarter, team))}\">{E(quarter)}</a>");
        }

        html.Append("</nav>");
    }

    private static void Row(StringBuilder html, CycleFacts seller, TimeZoneInfo zone, bool failed)
    {
        html.Append("<tr><th scope=\"row\"><a href=\"").Append(E(CyclePath(seller.CycleId))).Append("\">").Append(E(seller.SellerName)).Append("</a>");
        if (seller.Cadence is not null)
        {
            html.Append("<span class=\"hint\">").Append(E(seller.Cadence)).Append(" reviews</span>");
        }

        html.Append("</th><td>").Append(PhaseChip(seller.Phase, seller.End)).Append("</td><td>");
        if (seller.NextMeeting is { } next)
        {
            html.Append(When(next.Start, zone));
            if (next.Kind != "review")
            {
                html.Append("<span class=\"hint\">").Append(next.Kind == "coaching" ? "coaching conversation" : "extra check-in").Append("</span>");
            }
        }
        else
        {
            html.Append("<span class=\"hint\">none booked</span>");
        }

        html.Append("</td><td>");
        var recent = TeamBoard.Recent(seller);
        if (recent.Count == 0)
        {
            html.Append("<span class=\"hint\">no reviews yet</span>");
        }
        else
        {
            html.Append("<ul class=\"chips\">");
            foreach (var review in recent)
            {
                html.Append("<li>").Append(StatusChip(review.Status, $"{review.WeeksLabel}, held {Fmt.Date(review.At)}")).Append("</li>");
            }

            html.Append("</ul>");
            if (seller.Reviews.Count > recent.Count)
            {
                html.Append("<span class=\"hint\">").Append(seller.Reviews.Count).Append(" held in all</span>");
            }
        }

        html.Append("</td><td>").Append(CoachingCell(seller, zone)).Append("</td><td class=\"num\">").Append(seller.Recognitions).Append("</td><td>");
        Waiting(html, seller, zone, failed);
        html.Append("</td></tr>");
    }

    private static string CoachingCell(CycleFacts seller, TimeZoneInfo zone)
    {
        var times = seller.CoachingOpenings > 1 ? $" <span class=\"hint\">({seller.CoachingOpenings} times this quarter)</span>" : "";
        return seller.CoachingOpen && seller.CoachingOpenedAt is { } opened ? $"<strong>Open</strong> since {Day(opened, zone)}{times}"
            : seller.CoachingClosedAt is { } closed ? $"Closed {Day(closed, zone)}{times}"
            : "<span class=\"hint\">none</span>";
    }

    private static void Waiting(StringBuilder html, CycleFacts seller, TimeZoneInfo zone, bool failed)
    {
        if (failed)
        {
            html.Append("<p class=\"alert\">ReviewFlow stopped on an error for this cycle; RevOps can see and retry it.</p>");
        }

        if (seller.Pending.Count == 0)
        {
            html.Append(failed ? "" : seller.EntryCount == 0 ? "<span class=\"hint\">starting</span>" : "<span class=\"hint\">nothing</span>");
            return;
        }

        html.Append("<ul class=\"pending\">");
        foreach (var wait in seller.Pending)
        {
            html.Append("<li>").Append(E(wait.Text)).Append(" <span class=\"hint\">since ").Append(Day(wait.Since, zone));
            if (wait.Reminders > 0)
            {
                html.Append(", reminded");
            }

            html.Append("</span>");
            if (wait.Escalated)
            {
                html.Append(" <strong>escalated</strong>");
            }

            html.Append("</li>");
        }

        html.Append("</ul>");
    }
}
