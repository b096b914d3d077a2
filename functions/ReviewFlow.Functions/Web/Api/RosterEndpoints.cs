using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using ReviewFlow.Functions.Hosting;
using ReviewFlow.Functions.Management;
using ReviewFlow.Functions.Web.Auth;

namespace ReviewFlow.Functions.Web.Api;

/// <summary><c>PUT /api/roster</c> (JSON or CSV, RevOps), <c>GET /api/roster</c>, <c>GET /api/teams</c>.</summary>
internal static class RosterEndpoints
{
    public static RouteGroupBuilder MapRoster(this RouteGroupBuilder api)
    {
        api.MapPut("/roster", ImportAsync)
            .RequireAuthorization(ViewerClaims.RevOpsPolicy)
            .Accepts<RosterDocument>("application/json", "text/csv")
            .Produces<RosterImported>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Replaces the roster (RevOps)")
            .WithDescription("JSON (teams, managers, sellers) or CSV (one row per team, manager or seller; see docs/api.md). Every problem is reported with its entry or row and field; nothing is stored unless the whole roster is valid.");
        api.MapGet("/roster", ReadAsync)
            .Produces<RosterView>()
            .WithSummary("The roster: all of it for RevOps, a manager's own team for a manager");
        api.MapGet("/teams", TeamsAsync)
            .Produces<IReadOnlyList<TeamView>>()
            .WithSummary("The teams the caller can see");
        return api;
    }

    private static async Task<IResult> ImportAsync(HttpContext http, RosterStore store, ServiceOptions service, TimeProvider clock)
    {
        var problems = new RosterProblems();
        RosterDocument? document;
        if (IsCsv(http.Request))
        {
            if (ApiJson.TooLarge(http.Request, service.MaxRequestBodyBytes) is { } tooLarge)
            {
                return tooLarge;
            }

            string text;
            try
            {
                using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
                text = await reader.ReadToEndAsync(http.RequestAborted);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return ApiResults.TooLarge(service.MaxRequestBodyBytes);
            }

            document = RosterCsv.Read(text, problems);
        }
        else
        {
            (document, var refused) = await ApiJson.ReadAsync<RosterDocument>(http.Request, service.MaxRequestBodyBytes);
            if (refused is not null)
            {
                return refused;
            }
        }

        var roster = RosterValidator.Validate(document!, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), problems);
        if (roster is null || problems.Count > 0)
        {
            var detail = $"Nothing was stored: the roster has {problems.Count}{(problems.Truncated ? "+" : "")} problem(s). Fix them all and send the whole roster again.";
            return ApiResults.Invalid(problems.ToDictionary(), detail);
        }

        try
        {
            await store.ReplaceAsync(roster, http.RequestAborted);
        }
        catch (RosterConflictException e)
        {
            return ApiResults.Conflict(e.Message);
        }

        var (_, importedAt) = await store.ReadAsync(http.RequestAborted);
        return Results.Json(new RosterImported(importedAt ?? clock.GetUtcNow(), roster.Teams.Count, roster.Managers.Count, roster.Sellers.Count), ApiJson.Options);
    }

    private static async Task<IResult> ReadAsync(HttpContext http, RosterStore store)
    {
        var (roster, importedAt) = await store.ReadAsync(http.RequestAborted);
        return Results.Json(RosterView.For(roster, importedAt, Viewer.From(http.User)!), ApiJson.Options);
    }

    private static async Task<IResult> TeamsAsync(HttpContext http, RosterStore store)
    {
        var viewer = Viewer.From(http.User)!;
        var (roster, _) = await store.ReadAsync(http.RequestAborted);
        var teams = roster.Managers
            .Where(m => viewer.CanSeeTeam(m.Person.Id))
            .Select(m => new TeamView(m.Person.Id, roster.TeamName(m), new PersonView(m.Person.Id, m.Person.Name), roster.SellersOf(m.Person.Id).Count))
            .ToList();
        return Results.Json(teams, ApiJson.Options);
    }

    private static bool IsCsv(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase);
}
