using System.Globalization;
using System.Text;

using static ReviewFlow.Functions.Web.Dashboard.DashboardHtml;
using static ReviewFlow.Functions.Web.Html.Html;

namespace ReviewFlow.Functions.Web.Dashboard;

/// <summary>
/// The HTML of the RevOps roll-up: two tables with a row per team and a total, every figure as text. Two narrow tables
/// rather than one wide one, so both fit a laptop screen without scrolling sideways: where each team's sellers stand
/// (phases and targets), then how their reviews are going (reviews, bands, coaching, recognition).
/// </summary>
internal static class RevOpsPage
{
    private static readonly DashboardPhase[] Phases = Enum.GetValues<DashboardPhase>();

    /// <summary>Where targets stand; a cycle that ended without targets shows under the Closed phase instead.</summary>
    private static readonly AgreementStatus[] Agreements = [AgreementStatus.Agreed, AgreementStatus.Countered, AgreementStatus.Overdue, AgreementStatus.Waiting];

    public static string Body(RevOpsRollup rollup, IReadOnlyList<string> quarters)
    {
        var html = new StringBuilder();
        TeamBoardPage.QuarterLinks(html, rollup.Quarter, quarters, null, revOps: true);
        var total = rollup.Total;
        html.Append("<p class=\"summary\">").Append(E(Count(rollup.Teams.Count, "team", "teams"))).Append(", ").Append(E(Count(total.Sellers, "seller", "sellers")))
            .Append("; ").Append(E(Count(total.ReviewsHeld, "review", "reviews"))).Append(" held").Append(total.ReviewsDue is { } due ? $" ({due} due by now)" : "")
            .Append("; ").Append(total.CoachingOpen).Append(" with coaching open; ").Append(total.WithAgreement(AgreementStatus.Overdue)).Append(" with targets overdue.</p>");
        if (rollup.Teams.Count == 0)
        {
            return html.Append("<p>No team has started ").Append(E(rollup.Quarter)).Append(".</p>").ToString();
        }

        Table(
            html,
            rollup,
            "Where each team's sellers are",
            "Targets are overdue when ReviewFlow has had to remind someone about them.",
            "<th scope=\"colgroup\" colspan=\"5\">Sellers by phase</th><th scope=\"colgroup\" colspan=\"4\">Targets</th>",
            [.. Phases.Select(p => p == DashboardPhase.Develop ? "Develop" : p.ToString()), .. Agreements.Select(AgreementName)],
            Standing,
            linkTeams: true);
        Table(
            html,
            rollup,
            "How the reviews are going",
            "Due: the reviews each seller's cadence should have held by now (a review counts once its booking window has closed). "
            + "Below, on track and above are shares of the reviews that had a check-in.",
            "<th scope=\"colgroup\" colspan=\"3\">Reviews</th><th scope=\"colgroup\" colspan=\"3\">Of those with a check-in</th><th scope=\"colgroup\" colspan=\"2\">Coaching and recognition</th>",
            ["Held", "Due", "No check-in", "Below", "On track", "Above", "Coaching open", "Recognitions sent"],
            Reviews,
            linkTeams: false);
        return html.ToString();
    }

    public static string AgreementName(AgreementStatus status) => status switch
    {
        AgreementStatus.Agreed => "Agreed",
        AgreementStatus.Countered => "Countered",
        AgreementStatus.Overdue => "Overdue",
        AgreementStatus.Waiting => "In progress",
        _ => "Not agreed",
    };

    /// <summary>
    /// One table: team and sellers, then the grouped columns <paramref name="cells"/> writes for each team. Only one
    /// table links each team to its board: a page with two identical links per team reads twice to a screen reader.
    /// </summary>
    private static void Table(
        StringBuilder html, RevOpsRollup rollup, string caption, string hint, string groups, IReadOnlyList<string> columns, Action<StringBuilder, TeamHealth, string> cells, bool linkTeams)
    {
        html.Append("<h2>").Append(E(caption)).Append("</h2><p class=\"hint\">").Append(E(hint)).Append("</p>")
            .Append("<div class=\"scroll\"><table class=\"rollup\"><thead><tr><th scope=\"col\" rowspan=\"2\">Team</th><th scope=\"col\" rowspan=\"2\" class=\"num\">Sellers</th>")
            .Append(groups).Append("</tr><tr>");
        foreach (var column in columns)
        {
            html.Append("<th scope=\"col\" class=\"num\">").Append(E(column)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var team in rollup.Teams)
        {
            var name = E(team.ManagerName) + "'s team";
            html.Append("<tr><th scope=\"row\">").Append(linkTeams ? $"<a href=\"{E(BoardLink(rollup.Quarter, team.Team))}\">{name}</a>" : name).Append("</th>")
                .Append(Num("td", team.Sellers));
            cells(html, team, "td");
            html.Append("</tr>");
        }

        html.Append("</tbody><tfoot><tr><th scope=\"row\">All teams</th>").Append(Num("th", rollup.Total.Sellers));
        cells(html, rollup.Total, "th");
        html.Append("</tr></tfoot></table></div>");
    }

    private static void Standing(StringBuilder html, TeamHealth team, string cell)
    {
        foreach (var phase in Phases)
        {
            html.Append(Num(cell, team.InPhase(phase)));
        }

        foreach (var agreement in Agreements)
        {
            html.Append(Num(cell, team.WithAgreement(agreement)));
        }
    }

    private static void Reviews(StringBuilder html, TeamHealth team, string cell)
    {
        html.Append(Num(cell, team.ReviewsHeld))
            .Append(team.ReviewsDue is { } due ? Num(cell, due) : $"<{cell} class=\"num\">–</{cell}>")
            .Append(Num(cell, team.NoData))
            .Append(ShareCell(cell, team.Below, team.WithStatus))
            .Append(ShareCell(cell, team.OnTrack, team.WithStatus))
            .Append(ShareCell(cell, team.Above, team.WithStatus))
            .Append(Num(cell, team.CoachingOpen))
            .Append(Num(cell, team.Recognitions));
    }

    /// <summary>"25%" with "3 of 12" under it, or "–" when no review had a check-in.</summary>
    private static string ShareCell(string cell, int part, int whole) =>
        whole == 0
            ? $"<{cell} class=\"num\">–</{cell}>"
            : $"<{cell} class=\"num\">{Math.Round(100.0 * part / whole).ToString("0", CultureInfo.InvariantCulture)}%<span class=\"hint\">{part.ToString(CultureInfo.InvariantCulture)} of {whole.ToString(CultureInfo.InvariantCulture)}</span></{cell}>";

    private static string Num(string cell, int value) => $"<{cell} class=\"num\">{value.ToString(CultureInfo.InvariantCulture)}</{cell}>";
}
