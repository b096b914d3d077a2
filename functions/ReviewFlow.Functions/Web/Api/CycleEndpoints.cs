using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using ReviewFlow.Domain.Policy;
using ReviewFlow.Durable;
using ReviewFlow.Functions.Web.Auth;
using ReviewFlow.Integrations.Calendar;
using ReviewFlow.Integrations.Journal;
using ReviewFlow.Workflows.Close;
using ReviewFlow.Workflows.Cycle;

namespace ReviewFlow.Functions.Web.Api;

/// <summary>
/// <c>GET /api/cycles</c>, <c>GET /api/cycles/{id}</c>, <c>POST /api/cycles/{id}/extra-checkins</c> and
/// <c>POST /api/cycles/{id}/cancel</c> and <c>POST /api/cycles/{id}/close</c>: RevOps, or the manager of the cycle's team.
/// </summary>
internal static partial class CycleEndpoints
{
    /// <summary>A list is for people to read: beyond this, filter by quarter or team.</summary>
    private const int MaxListed = 2000;

    public static RouteGroupBuilder MapCycles(this RouteGroupBuilder api)
    {
        api.MapGet("/cycles", ListAsync)
            .Produces<IReadOnlyList<CycleSummary>>()
            .ProducesValidationProblem()
            .WithSummary("Seller cycles with their status and phase (query: quarter, team)");
        api.MapGet("/cycles/{id}", GetAsync)
            .Produces<CycleDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One cycle: engine status, phase, and its journal history");
        api.MapPost("/cycles/{id}/extra-checkins", ExtraCheckInAsync)
            .Accepts<ExtraCheckInRequest>("application/json")
            .Produces<Accepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Asks for a check-in outside the cadence; the cycle applies the micromanagement budget");
        api.MapPost("/cycles/{id}/cancel", CancelAsync)
            .Accepts<CancelRequest>("application/json")
            .Produces<Accepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Ends a cycle now, with a reason that goes into its history; its meetings still ahead are cancelled");
        api.MapPost("/cycles/{id}/close", CloseAsync)
            .Accepts<CancelRequest>("application/json")
            .Produces<Accepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Closes a cycle before the quarter ends: the summary goes out now, next quarter is prepared, meetings still ahead are cancelled");
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext http, DurableTaskClient client)
    {
        var query = http.Request.Query;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var unknown in query.Keys.Where(k => k is not "quarter" and not "team"))
        {
            errors[unknown] = ["Unknown query parameter: the list takes quarter and team."];
        }

        var quarter = Single(query, "quarter", QuarterEndpoints.QuarterLabel(), "a quarter label like 2027-Q1", errors);
        var team = Single(query, "team", PersonId(), "a manager's id", errors);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }

        var viewer = Viewer.From(http.User)!;
        if (team is not null && !viewer.CanSeeTeam(team))
        {
            return ApiResults.NotFound("team");
        }

        var cycles = new List<CycleSummary>();
        var prefix = CycleIds.CyclePrefix + (quarter is null ? "" : quarter + "-");
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery { Name = nameof(SellerCycleOrchestrator), InstanceIdPrefix = prefix }, http.RequestAborted))
        {
            if (await CycleAccess.LoadAsync(client, instance.InstanceId, viewer, http.RequestAborted) is not { } cycle
                || (quarter is not null && cycle.Input.Profile.Quarter.Label != quarter)
                || (team is not null && cycle.ManagerId != team))
            {
                continue;
            }

            cycles.Add(CycleSummary.From(cycle));
            if (cycles.Count == MaxListed)
            {
                break;
            }
        }

        return Results.Json(cycles, ApiJson.Options);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, DurableTaskClient client, ICycleJournal journal)
    {
        var cycle = await CycleAccess.LoadAsync(client, id, Viewer.From(http.User)!, http.RequestAborted);
        if (cycle is null)
        {
            return ApiResults.NotFound("cycle");
        }

        var entries = await journal.ReadCycleAsync(id, http.RequestAborted);
        return Results.Json(CycleDetail.From(cycle, entries), ApiJson.Options);
    }

    private static async Task<IResult> ExtraCheckInAsync(string id, HttpContext http, DurableTaskClient client, TimeProvider clock)
    {
        var viewer = Viewer.From(http.User)!;
        var cycle = await CycleAccess.LoadAsync(client, id, viewer, http.RequestAborted);
        if (cycle is null)
        {
            return ApiResults.NotFound("cycle");
        }

        var (request, refused) = await ApiJson.ReadAsync<ExtraCheckInRequest>(http.Request, ApiJson.SmallBodyBytes);
        if (refused is not null)
        {
            return refused;
        }

        if (request!.By is not { } by)
        {
            return ApiResults.Invalid("by", "is required: \"manager\" or \"seller\".");
        }

        // A manager saying "the seller asked" would bypass the budget that protects the seller; RevOps records those.
        if (by == RequestedBy.Seller && !viewer.IsRevOps)
        {
            return ApiResults.Forbidden("A seller's own request is recorded by RevOps on the seller's behalf; a manager's request is \"by\": \"manager\".");
        }

        if (cycle.Instance.IsCompleted)
        {
            return ApiResults.Conflict($"The cycle has ended ({cycle.Instance.RuntimeStatus}); there is nothing to check in on.");
        }

        // The cycle only listens for these once reviews run; a request during Define/Agree would be lost, so it is refused.
        if (cycle.Input.Progress.Phase == CyclePhase.Define)
        {
            return ApiResults.Conflict("The cycle is still agreeing its targets (Define/Agree); extra check-ins can be asked for once its reviews have started.");
        }

        var week = cycle.Input.Profile.Quarter.WeekAt(clock.GetUtcNow().UtcDateTime);
        await client.RaiseEventAsync(id, nameof(ExtraCheckInRequested), new ExtraCheckInRequested(by, week), http.RequestAborted);
        return Results.Json(
            new Accepted(id, $"Requested (quarter week {week}); the cycle applies the micromanagement budget, and the result (ExtraCheckInBooked or ExtraCheckInRefused) appears in the history.", $"/api/cycles/{id}"),
            ApiJson.Options,
            statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> CancelAsync(
        string id, HttpContext http, DurableTaskClient client, ICycleJournal journal, ICalendar calendar, TimeProvider clock, ILoggerFactory loggers)
    {
        var viewer = Viewer.From(http.User)!;
        var cycle = await CycleAccess.LoadAsync(client, id, viewer, http.RequestAborted);
        if (cycle is null)
        {
            return ApiResults.NotFound("cycle");
        }

        var (reason, refused) = await ReadReasonAsync(http, "why the cycle ends");
        if (refused is not null)
        {
            return refused;
        }

        if (cycle.Instance.IsCompleted)
        {
            return ApiResults.Conflict($"The cycle has already ended ({cycle.Instance.RuntimeStatus}).");
        }

        // Terminate first: a journal entry saying "cancelled" must never describe a cycle that kept running.
        await client.TerminateInstanceAsync(id, "Cancelled: " + reason, http.RequestAborted);
        var now = clock.GetUtcNow().UtcDateTime;
        var meetings = await CancelMeetingsAsync(id, now, journal, calendar, loggers);
        await journal.AppendAsync(
            [new JournalEntry(id, "CycleCancelled", now, cycle.ManagerId, cycle.Input.Profile.Seller.Person.Id, "CycleCancelled", new JsonObject
            {
                ["reason"] = reason,
                ["by"] = viewer.Name,
                ["meetingsCancelled"] = meetings,
            })],
            CancellationToken.None);
        var message = meetings is null
            ? "Cancelled: the cycle stops and sends nothing more. Its meetings still ahead could not be removed from the calendars; cancel them by hand."
            : $"Cancelled: the cycle stops and sends nothing more; {meetings} meeting(s) still ahead were cancelled.";
        return Results.Json(new Accepted(id, message, $"/api/cycles/{id}"), ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> CloseAsync(string id, HttpContext http, DurableTaskClient client)
    {
        var viewer = Viewer.From(http.User)!;
        var cycle = await CycleAccess.LoadAsync(client, id, viewer, http.RequestAborted);
        if (cycle is null)
        {
            return ApiResults.NotFound("cycle");
        }

        var (reason, refused) = await ReadReasonAsync(http, "why the cycle closes before the quarter ends");
        if (refused is not null)
        {
            return refused;
        }

        if (cycle.Instance.IsCompleted)
        {
            return ApiResults.Conflict($"The cycle has already ended ({cycle.Instance.RuntimeStatus}).");
        }

        // The cycle closes itself (it is the only writer of its history): at its next wait it sends the summary.
        await client.RaiseEventAsync(id, nameof(CloseRequested), new CloseRequested(reason!, viewer.Name), http.RequestAborted);
        return Results.Json(
            new Accepted(id, "Closing: at its next step the cycle sends both people the quarter summary, prepares next quarter's Define and cancels its meetings still ahead.", $"/api/cycles/{id}"),
            ApiJson.Options,
            statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The required reason of a cancel or close, or the 400/413/415 that refuses the body.</summary>
    private static async Task<(string? Reason, IResult? Refused)> ReadReasonAsync(HttpContext http, string why)
    {
        var (request, refused) = await ApiJson.ReadAsync<CancelRequest>(http.Request, ApiJson.SmallBodyBytes);
        if (refused is not null)
        {
            return (null, refused);
        }

        var reason = request!.Reason?.Trim();
        return string.IsNullOrEmpty(reason) || reason.Length > CancelRequest.MaxReasonLength || reason.Any(c => char.IsControl(c) && c is not '\n' and not '\r')
            ? (null, ApiResults.Invalid("reason", $"is required: {why} (at most {CancelRequest.MaxReasonLength} characters), for its history."))
            : (reason, null);
    }

    /// <summary>The meetings still ahead leave both calendars; null when the calendar could not be reached.</summary>
    private static async Task<int?> CancelMeetingsAsync(string id, DateTime now, ICycleJournal journal, ICalendar calendar, ILoggerFactory loggers)
    {
        try
        {
            // A neutral note: the reason is for the history, not for every attendee's inbox.
            return await new CycleMeetings(journal, calendar).CancelFutureAsync(id, now, "This review cycle has been cancelled, so this meeting is no longer needed.", CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogMeetingsNotCancelled(loggers.CreateLogger(nameof(CycleEndpoints)), e, id);
            return null;
        }
    }

    private static string? Single(IQueryCollection query, string name, Regex pattern, string what, Dictionary<string, string[]> errors)
    {
        if (!query.TryGetValue(name, out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            return null;
        }

        if (values.Count > 1 || !pattern.IsMatch(values[0]!))
        {
            errors[name] = [$"must be {what}, given once."];
            return null;
        }

        return values[0];
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,39}$", RegexOptions.CultureInvariant)]
    internal static partial Regex PersonId();

    [LoggerMessage(Level = LogLevel.Error, Message = "Cycle {CycleId} was cancelled but its meetings still ahead could not be cancelled.")]
    private static partial void LogMeetingsNotCancelled(ILogger logger, Exception exception, string cycleId);
}
