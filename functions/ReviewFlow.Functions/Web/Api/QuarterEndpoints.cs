using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReviewFlow.Domain.Policy;
using ReviewFlow.Domain.Quarters;
using ReviewFlow.Durable;
using ReviewFlow.Functions.Management;
using ReviewFlow.Functions.Web.Auth;
using ReviewFlow.Workflows.Team;

namespace ReviewFlow.Functions.Web.Api;

/// <summary>
/// <c>POST /api/quarters</c>: starts a quarter for one team or everyone, one <see cref="TeamQuarterOrchestrator"/>
/// per team under its deterministic id, so starting twice starts nothing new.
/// </summary>
internal static partial class QuarterEndpoints
{
    /// <summary>How far back a quarter may start: one already under way, not one long over.</summary>
    private const int MaxDaysBack = 91;

    /// <summary>How far ahead a quarter may start: next year's planning, not a typo in the year.</summary>
    private const int MaxDaysAhead = 366;

    public static RouteGroupBuilder MapQuarters(this RouteGroupBuilder api)
    {
        api.MapPost("/quarters", StartAsync)
            .Accepts<StartQuarterRequest>("application/json")
            .Produces<QuarterStarted>(StatusCodes.Status202Accepted)
            .Produces<QuarterStarted>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Starts a quarter for a team (its manager or RevOps) or everyone (RevOps)")
            .WithDescription("202 when anything started, 200 when every team had already started (starting twice is harmless).");
        return api;
    }

    private static async Task<IResult> StartAsync(HttpContext http, DurableTaskClient client, RosterStore roster, ReviewPolicy policy, TimeProvider clock)
    {
        var (request, refused) = await ApiJson.ReadAsync<StartQuarterRequest>(http.Request, ApiJson.SmallBodyBytes);
        if (refused is not null)
        {
            return refused;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (quarter, errors) = Read(request!, today);
        if (quarter is null)
        {
            return ApiResults.Invalid(errors);
        }

        var viewer = Viewer.From(http.User)!;
        if (request!.Team is null && !viewer.IsRevOps)
        {
            return ApiResults.Forbidden("Starting the quarter for everyone is for RevOps; a manager names their own team (\"team\": \"<your id>\").");
        }

        if (request.Team is not null && !viewer.CanSeeTeam(request.Team))
        {
            return ApiResults.NotFound("team");
        }

        var (current, _) = await roster.ReadAsync(http.RequestAborted);
        var managers = request.Team is null ? current.Managers : current.Managers.Where(m => m.Person.Id == request.Team).ToList();
        if (managers.Count == 0)
        {
            return request.Team is null
                ? ApiResults.Conflict("The roster is empty: import it first (PUT /api/roster).")
                : ApiResults.NotFound("team");
        }

        var results = new List<TeamStarted>();
        foreach (var manager in managers)
        {
            results.Add(await TeamQuarterStarter.StartAsync(client, current, manager, quarter, policy, http.RequestAborted));
        }

        var anyStarted = results.Any(r => r.Status == TeamStarted.Started);
        return Results.Json(new QuarterStarted(quarter.Label, results), ApiJson.Options, statusCode: anyStarted ? StatusCodes.Status202Accepted : StatusCodes.Status200OK);
    }

    private static (Quarter? Quarter, Dictionary<string, string[]> Errors) Read(StartQuarterRequest request, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.Quarter is null || !QuarterLabel().IsMatch(request.Quarter))
        {
            errors["quarter"] = ["is required: a label like 2027-Q2 (letters, digits and '-', at most 32; it becomes part of every cycle's id)."];
        }

        DateOnly start = default;
        if (request.Start is null || !DateOnly.TryParseExact(request.Start, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out start))
        {
            errors["start"] = ["is required: the quarter's first day, yyyy-MM-dd."];
        }
        else if (start < today.AddDays(-MaxDaysBack) || start > today.AddDays(MaxDaysAhead))
        {
            errors["start"] = [$"must be within {MaxDaysBack} days before and {MaxDaysAhead} days after today ({today:yyyy-MM-dd})."];
        }

        if (request.Weeks is not { } weeks || weeks is < 1 or > Quarter.MaxWeeks)
        {
            errors["weeks"] = [$"is required: a whole number of weeks from 1 to {Quarter.MaxWeeks}."];
        }

        if (request.Team is not null && !CycleEndpoints.PersonId().IsMatch(request.Team))
        {
            errors["team"] = ["must be a manager's id, or null for every team."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var quarter = new Quarter(request.Quarter!, start, request.Weeks!.Value);
        var problems = quarter.Validate();
        return problems.Count == 0 ? (quarter, errors) : (null, new Dictionary<string, string[]> { ["quarter"] = [.. problems] });
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,31}$", RegexOptions.CultureInvariant)]
    internal static partial Regex QuarterLabel();
}

/// <summary>Body of <c>POST /api/quarters</c>.</summary>
internal sealed class StartQuarterRequest
{
    /// <summary>Label, e.g. "2027-Q2".</summary>
    public string? Quarter { get; set; }

    /// <summary>First day, yyyy-MM-dd.</summary>
    public string? Start { get; set; }

    /// <summary>Number of weeks (1–26; 13 for a calendar quarter).</summary>
    public int? Weeks { get; set; }

    /// <summary>A manager's id (their team), or null for every team in the roster.</summary>
    public string? Team { get; set; }
}

/// <summary>What <c>POST /api/quarters</c> did for each team.</summary>
internal sealed record QuarterStarted(string Quarter, IReadOnlyList<TeamStarted> Teams);
