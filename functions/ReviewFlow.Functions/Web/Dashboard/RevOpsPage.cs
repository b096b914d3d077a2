using System.Globalization;
using System.Text;

using static ReviewFlow.Functions.Web.Dashboard.DashboardHtml;
using static ReviewFlow.Functions.Web.Html.Html;

namespace ReviewFlow.Functions.Web.Dashboard;

/// <summary>The HTML of the RevOps roll-up: one row per team and a total, every figure as text (the small bar only repeats the shares).</summary>
internal static class RevOpsPage
{
    private static readonly DashboardPhase[] Phases = Enum.GetValues<DashboardPhase>();
    private static readonly AgreementStatus[] Agreements = [AgreementStatus.Agreed, AgreementStatus.Countered, AgreementStatus.Overdue, AgreementStatus.Waiting, AgreementStatus.NotAgreed];

    public static string Body(RevOpsRollup rollup, IReadOnlyList<string> quarters)
    {
        var html = new StringBuilder();
        TeamBoardPage.QuarterLinks(html, rollup.Quarter, quarters, null, revOps: true);
        var total = rollup.Total;
        html.Append("<p class=\"summary\">").Append(E(Count(rollup.Teams.Count, "team", "teams"))).Append(", ").Append(E(Count(total.Sellers, "seller", "sellers")))
            .Append("; ").Append(total.ReviewsHeld).Append(" reviews held").Append(total.ReviewsDue is { } due ? $" of {due} due so far" : "")
            .Append("; ").Append(total.CoachingOpen).Append(" with coaching open; ").Append(total.WithAgreement(AgreementStatus.Overdue)).Append(" with targets overdue.</p>");
        if (rollup.Teams.Count == 0)
        {
            return html.Append("<p>No team has started ").Append(E(rollup.Quarter)).Append(".</p>").ToString();
        }

        html.Append("<p class=\"hint\">Reviews due: the reviews each seller's cadence should have held by now (a review counts once its booking window has closed). ")
            .Append("Shares are of the reviews that had a check-in. Targets are overdue when ReviewFlow has had to remind someone about them.</p>")
            .Append("<div class=\"scroll\"><table class=\"rollup\"><caption>").Append(E(rollup.Quarter)).Append(": every team</caption><thead><tr>")
            .Append("<th scope=\"col\" rowspan=\"2\">Team</th><th scope=\"col\" rowspan=\"2\" class=\"num\">Sellers</th>")
            .Append("<th scope=\"colgroup\" colspan=\"").Append(Phases.Length).Append("\">Sellers by phase</th>")
            .Append("<th scope=\"col\" rowspan=\"2\" class=\"num\">Reviews held / due</th>")
            .Append("<th scope=\"colgroup\" colspan=\"4\">Reviews with a check-in</th>")
            .Append("<th scope=\"col\" rowspan=\"2\" class=\"num\">Coaching open</th><th scope=\"col\" rowspan=\"2\" class=\"num\">Recognitions</th>")
            .Append("<th scope=\"colgroup\" colspan=\"").Append(Agreements.Length).Append("\">Targets</th></tr><tr>");
        foreach (var phase in Phases)
        {
            html.Append("<th scope=\"col\" class=\"num\">").Append(E(phase == DashboardPhase.Develop ? "Develop" : phase.ToString())).Append("</th>");
        }

        html.Append("<th scope=\"col\" class=\"num\">Below</th><th scope=\"col\" class=\"num\">On track</th><th scope=\"col\" class=\"num\">Above</th><th scope=\"col\"><span class=\"hint\">mix</span></th>");
        foreach (var agreement in Agreements)
        {
            html.Append("<th scope=\"col\" class=\"num\">").Append(AgreementName(agreement)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var team in rollup.Teams)
        {
            Row(html, team, $"<a href=\"{E(BoardLink(rollup.Quarter, team.Team))}\">{E(team.ManagerName)}'s team</a>", "td");
        }

        html.Append("</tbody><tfoot>");
        Row(html, total, "All teams", "th");
        return html.Append("</tfoot></table></div>").ToString();
    }

    public static string AgreementName(AgreementStatus status) => status switch
    {
        AgreementStatus.Agreed => "Agreed",
        AgreementStatus.Countered => "Countered",
        AgreementStatus.Overdue => "Overdue",
        AgreementStatus.Waiting => "In progress",
        _ => "Not agreed (ended)",
    };

    private static void Row(StringBuilder html, TeamHealth team, string name, string cell)
    {
        html.Append("<tr><th scope=\"row\">").Append(name).Append("</th>").Append(Num(cell, team.Sellers.ToString(CultureInfo.InvariantCulture)));
        foreach (var phase in Phases)
        {
            html.Append(Num(cell, team.InPhase(phase).ToString(CultureInfo.InvariantCulture)));
        }

        var held = team.ReviewsDue is { } due ? $"{team.ReviewsHeld} / {due}" : $"{team.ReviewsHeld} / –";
        html.Append(Num(cell, held))
            .Append(Num(cell, Share(team.Below, team.WithStatus)))
            .Append(Num(cell, Share(team.OnTrack, team.WithStatus)))
            .Append(Num(cell, Share(team.Above, team.WithStatus)))
            .Append('<').Append(cell).Append('>').Append(MixBar(team)).Append(team.NoData > 0 ? $"<span class=\"hint\">{team.NoData} without check-in</span>" : "").Append("</").Append(cell).Append('>')
            .Append(Num(cell, team.CoachingOpen.ToString(CultureInfo.InvariantCulture)))
            .Append(Num(cell, team.Recognitions.ToString(CultureInfo.InvariantCulture)));
        foreach (var agreement in Agreements)
        {
            html.Append(Num(cell, team.WithAgreement(agreement).ToString(CultureInfo.InvariantCulture)));
        }

        html.Append("</tr>");
    }

    /// <summary>"25% (3)", or "–" when no review had a check-in.</summary>
    public static string Share(int part, int whole) =>
        whole == 0 ? "–" : $"{Math.Round(100.0 * part / whole).ToString("0", CultureInfo.InvariantCulture)}% ({part.ToString(CultureInfo.InvariantCulture)})";

    /// <summary>The three shares as one small stacked bar; hidden from screen readers, which have the numbers beside it.</summary>
    private static string MixBar(TeamHealth team)
    {
        if (team.WithStatus == 0)
        {
            return "";
        }

        var bar = new StringBuilder("<svg class=\"mix\" aria-hidden=\"true\" focusable=\"false\" xmlns=\"http://www.w3.org/2000/svg\" width=\"80\" height=\"10\" viewBox=\"0 0 100 10\">");
        var x = 0.0;
        foreach (var (band, n) in new[] { ("below", team.Below), ("ontrack", team.OnTrack), ("above", team.Above) })
        {
            var w = 100.0 * n / team.WithStatus;
            if (w > 0)
            {
                bar.Append("<rect class=\"").Append(band).Append("\" x=\"").Append(x.ToString("0.#", CultureInfo.InvariantCulture)).Append("\" y=\"0\" width=\"")
                    .Append(w.ToString("0.#", CultureInfo.InvariantCulture)).Append("\" height=\"10\"/>");
            }

            x += w;
        }

        return bar.Append("</svg>").ToString();
    }

    private static string Num(string cell, string text) => $"<{cell} class=\"num\">{E(text)}</{cell}>";
}
