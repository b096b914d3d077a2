using System.Globalization;
using System.Text;

using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

using ReviewFlow.Functions.Web.Auth;
using ReviewFlow.Functions.Web.Html;

using static ReviewFlow.Functions.Web.Html.Html;

namespace ReviewFlow.Functions.Web.Dashboard;

/// <summary>
/// The pieces every dashboard page shares: the page frame with its navigation, status and phase chips (always with
/// their words: colour only repeats what the text says), times in a named zone, and links to a cycle.
/// </summary>
internal static class DashboardHtml
{
    public const string BoardPath = "/dashboard";
    public const string RevOpsPath = "/dashboard/revops";

    /// <summary>The seller detail page; escalation emails link here, so the shape of this address is fixed.</summary>
    public static string CyclePath(string cycleId) => "/dashboard/cycles/" + Uri.EscapeDataString(cycleId);

    /// <summary>The board of a quarter (and a team, for RevOps).</summary>
    public static string BoardLink(string? quarter, string? team)
    {
        var query = new List<string>();
        if (quarter is not null)
        {
            query.Add("quarter=" + Uri.EscapeDataString(quarter));
        }

        if (team is not null)
        {
            query.Add("team=" + Uri.EscapeDataString(team));
        }

        return query.Count == 0 ? BoardPath : BoardPath + "?" + string.Join("&", query);
    }

    public static string RevOpsLink(string? quarter) => quarter is null ? RevOpsPath : RevOpsPath + "?quarter=" + Uri.EscapeDataString(quarter);

    /// <summary>A whole page: navigation (who is signed in, sign out) above <paramref name="body"/>.</summary>
    public static IResult Page(HttpContext http, IAntiforgery antiforgery, Viewer viewer, string title, string body, string? lead = null, int status = StatusCodes.Status200OK)
    {
        var nav = new StringBuilder("<nav class=\"dash-nav\" aria-label=\"Dashboard\"><a href=\"").Append(BoardPath).Append("\">Team board</a>");
        if (viewer.IsRevOps)
        {
            nav.Append("<a href=\"").Append(RevOpsPath).Append("\">All teams (RevOps)</a>");
        }

        nav.Append("<span class=\"who\">Signed in as ").Append(E(viewer.Name)).Append("</span>")
            .Append(SignInEndpoints.SignOutForm(http, antiforgery))
            .Append("</nav>");
        return Results.Content(Layout.Page(title, nav + body, lead, wide: true), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>A page that says there is nothing here (404: it does not say whether it exists for someone else).</summary>
    public static IResult NotFound(HttpContext http, IAntiforgery antiforgery, Viewer viewer, string message) =>
        Page(http, antiforgery, viewer, "Not found", $"<p>{E(message)}</p><p><a href=\"{BoardPath}\">Back to the team board</a></p>", status: StatusCodes.Status404NotFound);

    /// <summary>A review's status as a chip with its words: below, on track, above, no data.</summary>
    public static string StatusChip(string? status, string? title = null)
    {
        var (css, label) = status switch
        {
            "below" => ("st-below", "below"),
            "onTrack" => ("st-ontrack", "on track"),
            "above" => ("st-above", "above"),
            _ => ("st-nodata", "no data"),
        };
        var tip = title is null ? "" : $" title=\"{E(title)}\"";
        return $"<span class=\"chip {css}\"{tip}>{label}</span>";
    }

    /// <summary>The phase as a chip with its name (and how a closed cycle ended).</summary>
    public static string PhaseChip(DashboardPhase phase, CycleEnd end)
    {
        var (css, label) = phase switch
        {
            DashboardPhase.Define => ("ph-define", "Define"),
            DashboardPhase.Agree => ("ph-agree", "Agree"),
            DashboardPhase.Review => ("ph-review", "Review"),
            DashboardPhase.Develop => ("ph-develop", "Develop (coaching)"),
            _ => ("ph-closed", end switch
            {
                CycleEnd.Cancelled => "Closed (cancelled)",
                CycleEnd.Abandoned => "Closed (no targets set)",
                _ => "Closed",
            }),
        };
        return $"<span class=\"chip {css}\">{label}</span>";
    }

    public static string PhaseName(DashboardPhase phase) => phase switch
    {
        DashboardPhase.Develop => "Develop (coaching)",
        _ => phase.ToString(),
    };

    /// <summary>A time as people read it in <paramref name="zone"/>, with the exact instant for machines.</summary>
    public static string When(DateTime utc, TimeZoneInfo zone) =>
        $"<time datetime=\"{DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture)}\">{E(Time(utc, zone))}</time>";

    /// <summary>A date only, in <paramref name="zone"/>: "Thu 14 Jan".</summary>
    public static string Day(DateTime utc, TimeZoneInfo zone) =>
        E(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("ddd d MMM", CultureInfo.InvariantCulture));

    /// <summary>Which zone the page's times are in.</summary>
    public static string ZoneNote(TimeZoneInfo zone) => $"<p class=\"hint\">Times are shown in {E(zone.Id)}.</p>";

    /// <summary>Attainment as a percentage ("92%"); the journal stores "nothing planned, something done" as 999.</summary>
    public static string Percent(double? ratio) => ratio switch
    {
        null => "–",
        >= 9.99 => "999%+",
        { } r => (r * 100).ToString("0", CultureInfo.InvariantCulture) + "%",
    };

    /// <summary>"1 seller", "3 sellers".</summary>
    public static string Count(int n, string one, string many) => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many);
}
