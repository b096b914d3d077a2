using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

using ReviewFlow.Domain.People;
using ReviewFlow.Domain.Policy;
using ReviewFlow.Durable;
using ReviewFlow.Functions.Web.Api;
using ReviewFlow.Functions.Web.Auth;
using ReviewFlow.Integrations.Journal;

using static ReviewFlow.Functions.Web.Html.Html;

namespace ReviewFlow.Functions.Web.Dashboard;

/// <summary>
/// The manager's team board (<c>GET /dashboard</c>), one seller's cycle (<c>GET /dashboard/cycles/{cycleId}</c>, the
/// address escalation emails link to) and the RevOps roll-up (<c>GET /dashboard/revops</c>). A manager sees only their
/// own team: anything else reads as not found, so ids are never confirmed to exist.
/// </summary>
internal static partial class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder routes)
    {
        // Pages for people, not API: kept out of the OpenAPI document.
        routes.MapGet(DashboardHtml.BoardPath, BoardAsync).RequireAuthorization(ViewerClaims.ViewerPolicy).ExcludeFromDescription();
        routes.MapGet(DashboardHtml.BoardPath + "/cycles/{cycleId}", CycleAsync).RequireAuthorization(ViewerClaims.ViewerPolicy).ExcludeFromDescription();
        routes.MapGet(DashboardHtml.RevOpsPath, RevOpsAsync).RequireAuthorization(ViewerClaims.RevOpsPolicy).ExcludeFromDescription();
        return routes;
    }

    private static async Task<IResult> BoardAsync(HttpContext http, IAntiforgery antiforgery, ICycleJournal journal, DurableTaskClient client, TimeProvider clock)
    {
        var viewer = Viewer.From(http.User)!;
        var ct = http.RequestAborted;
        if (!TryRead(http.Request.Query, "quarter", QuarterEndpoints.QuarterLabel(), out var asked) || !TryRead(http.Request.Query, "team", CycleEndpoints.PersonId(), out var team))
        {
            return BadQuery(http, antiforgery, viewer);
        }

        var reader = new DashboardReader(journal, client);
        var index = await reader.QuartersAsync(viewer, ct);
        if (index.Pick(asked) is not { } quarter)
        {
            return asked is null
                ? DashboardHtml.Page(http, antiforgery, viewer, "Team board", "<p>No quarter has started for your team yet. Once it starts, every seller's cycle appears here.</p>")
                : DashboardHtml.NotFound(http, antiforgery, viewer, $"There are no cycles you can see in {asked}.");
        }

        team ??= viewer.IsRevOps ? null : viewer.ManagerId;
        if (team is null)
        {
            return DashboardHtml.Page(http, antiforgery, viewer, $"Teams in {quarter}", TeamBoardPage.TeamPicker(quarter, index.Teams(quarter), index.Quarters));
        }

        // The index only holds teams the viewer may see: another manager's team is simply not in it.
        if (index.Team(quarter, team) is not { } started)
        {
            return DashboardHtml.NotFound(http, antiforgery, viewer, $"There is no team board you can see for that team in {quarter}.");
        }

        var plan = await reader.PlanAsync(started, ct);
        var entries = plan.Sellers.Count > 0
            ? await reader.CyclesAsync([.. plan.Sellers.Select(s => s.CycleId)], ct)
            : await reader.QuarterAsync(quarter, ct); // the team quarter's input is gone: its entries still say whose they are
        var failed = await reader.FailedAsync(quarter, ct);
        var board = TeamBoard.Build(team, started.ManagerName, quarter, entries, clock.GetUtcNow().UtcDateTime, plan.Sellers);
        var body = TeamBoardPage.Body(board, plan.Zone ?? TimeZoneInfo.Utc, failed, index.Quarters, viewer.IsRevOps ? team : null);
        return DashboardHtml.Page(http, antiforgery, viewer, $"{started.ManagerName}'s team, {quarter}", body);
    }

    private static async Task<IResult> CycleAsync(string cycleId, HttpContext http, IAntiforgery antiforgery, ICycleJournal journal, DurableTaskClient client, TimeProvider clock)
    {
        var viewer = Viewer.From(http.User)!;
        var ct = http.RequestAborted;
        const string Missing = "There is no seller cycle you can see at this address.";
        if (!CycleId().IsMatch(cycleId))
        {
            return DashboardHtml.NotFound(http, antiforgery, viewer, Missing);
        }

        var reader = new DashboardReader(journal, client);
        var entries = await reader.CycleAsync(cycleId, ct);

        // Every entry of a cycle carries its team: the access check needs nothing else, and runs before any other read.
        if (entries.Any(e => !viewer.CanSeeTeam(e.Team)))
        {
            return DashboardHtml.NotFound(http, antiforgery, viewer, Missing);
        }

        var (instance, input) = await reader.InstanceAsync(cycleId, ct);
        var team = entries.Count > 0 ? entries[0].Team : input?.Profile.Manager.Person.Id;
        if (team is null || !viewer.CanSeeTeam(team))
        {
            return DashboardHtml.NotFound(http, antiforgery, viewer, Missing);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var view = SellerCycleView.Build(cycleId, entries, now, input?.Profile.Policy ?? ReviewPolicy.Default);
        if (entries.Count == 0 && input is not null)
        {
            view.Facts.Known(team, input.Profile.Seller.Person.Id, input.Profile.Seller.Person.Name, input.Profile.Manager.Person.Name).Complete(now);
        }

        var zone = input is not null && TimeZones.TryFind(input.Profile.Manager.Person.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        return DashboardHtml.Page(http, antiforgery, viewer, view.Facts.SellerName, SellerCyclePage.Body(view, zone, now, instance), $"{view.Facts.SellerName}'s cycle, {view.Facts.Quarter ?? input?.Profile.Quarter.Label}");
    }

    private static async Task<IResult> RevOpsAsync(HttpContext http, IAntiforgery antiforgery, ICycleJournal journal, DurableTaskClient client, TimeProvider clock)
    {
        var viewer = Viewer.From(http.User)!;
        var ct = http.RequestAborted;
        if (!TryRead(http.Request.Query, "quarter", QuarterEndpoints.QuarterLabel(), out var asked))
        {
            return BadQuery(http, antiforgery, viewer);
        }

        var reader = new DashboardReader(journal, client);
        var index = await reader.QuartersAsync(viewer, ct);
        if (index.Pick(asked) is not { } quarter)
        {
            return asked is null
                ? DashboardHtml.Page(http, antiforgery, viewer, "All teams", "<p>No quarter has started yet.</p>")
                : DashboardHtml.NotFound(http, antiforgery, viewer, $"No team has started {asked}.");
        }

        var teams = index.Teams(quarter);
        var plans = await reader.PlansAsync(teams, ct);
        var entries = await reader.QuarterAsync(quarter, ct);
        var rollup = RevOpsRollup.Build(quarter, entries, clock.GetUtcNow().UtcDateTime, plans);
        return DashboardHtml.Page(http, antiforgery, viewer, $"All teams, {quarter}", RevOpsPage.Body(rollup, index.Quarters));
    }

    /// <summary>An optional query value: absent is fine, present must be given once and match.</summary>
    private static bool TryRead(IQueryCollection query, string name, Regex pattern, out string? value)
    {
        value = null;
        if (!query.TryGetValue(name, out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            return true;
        }

        value = values[0];
        return values.Count == 1 && pattern.IsMatch(value!);
    }

    private static IResult BadQuery(HttpContext http, IAntiforgery antiforgery, Viewer viewer) =>
        DashboardHtml.Page(
            http,
            antiforgery,
            viewer,
            "Not a dashboard address",
            $"<p>{E("The address asks for a quarter (like 2027-Q1) or a team (a manager's id) in a form the dashboard does not know.")}</p><p><a href=\"{DashboardHtml.BoardPath}\">Open the team board</a></p>",
            status: StatusCodes.Status400BadRequest);

    [GeneratedRegex("^cycle-[A-Za-z0-9_-]{1,200}$", RegexOptions.CultureInvariant)]
    private static partial Regex CycleId();
}
