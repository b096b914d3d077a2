using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using ReviewFlow.Durable;
using ReviewFlow.Functions.Web.Auth;
using ReviewFlow.Workflows.Cycle;

namespace ReviewFlow.Functions.Web.Api;

/// <summary><c>GET /api/instances/failed</c> and <c>POST /api/instances/{id}/retry</c> (RevOps): the engine's failures and their restart.</summary>
internal static partial class InstanceEndpoints
{
    private const int MaxListed = 1000;

    public static RouteGroupBuilder MapInstances(this RouteGroupBuilder api)
    {
        api.MapGet("/instances/failed", ListFailedAsync)
            .RequireAuthorization(ViewerClaims.RevOpsPolicy)
            .Produces<IReadOnlyList<FailedInstance>>()
            .WithSummary("Failed instances (cycles and team quarters) with their failure message (RevOps)");
        api.MapPost("/instances/{id}/retry", RetryAsync)
            .RequireAuthorization(ViewerClaims.RevOpsPolicy)
            .Produces<Accepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Restarts a failed instance from its last input, under the same id (RevOps)")
            .WithDescription("Purges the failed instance and schedules it again with the same id, name, version and input: the cycle resumes from the start of the execution that failed. See docs/api.md for what runs again.");
        return api;
    }

    private static async Task<IResult> ListFailedAsync(HttpContext http, DurableTaskClient client)
    {
        var failed = new List<FailedInstance>();
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Failed] }, http.RequestAborted))
        {
            // The list query leaves failure details out; each instance's own read has them.
            var full = await client.GetInstanceAsync(instance.InstanceId, cancellationToken: http.RequestAborted) ?? instance;
            failed.Add(new FailedInstance(full.InstanceId, full.Name, full.CreatedAt, full.LastUpdatedAt, full.FailureDetails?.ErrorType, full.FailureDetails?.ErrorMessage ?? "(no message)"));
            if (failed.Count == MaxListed)
            {
                break;
            }
        }

        return Results.Json(failed, ApiJson.Options);
    }

    private static async Task<IResult> RetryAsync(string id, HttpContext http, DurableTaskClient client, ILoggerFactory loggers)
    {
        if (!CycleAccess.InstanceId().IsMatch(id) || await client.GetInstanceAsync(id, getInputsAndOutputs: true, http.RequestAborted) is not { } instance)
        {
            return ApiResults.NotFound("instance");
        }

        if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Failed)
        {
            return ApiResults.Conflict($"Only a failed instance can be retried; this one is {instance.RuntimeStatus}.");
        }

        // The input as stored, passed on as raw JSON so it is scheduled byte for byte as it was.
        JsonElement? input = instance.SerializedInput is { Length: > 0 } json ? JsonDocument.Parse(json).RootElement.Clone() : null;
        await client.PurgeInstanceAsync(id, CancellationToken.None);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(instance.Name, input, new StartOrchestrationOptions(id, Version: instance.Version), CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Ids only in the log; the input stays out of it (it holds names and addresses).
            LogRescheduleFailed(loggers.CreateLogger(nameof(InstanceEndpoints)), e, id, instance.Name);
            throw;
        }

        return Results.Json(
            new Accepted(id, "Restarted from its last input under the same id; it runs again from the start of the execution that failed.", id.StartsWith(CycleIds.CyclePrefix, StringComparison.Ordinal) ? $"/api/cycles/{id}" : "/api/instances/failed"),
            ApiJson.Options,
            statusCode: StatusCodes.Status202Accepted);
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Instance {InstanceId} ({Name}) was purged for a retry but could not be scheduled again; start it again by hand.")]
    private static partial void LogRescheduleFailed(ILogger logger, Exception exception, string instanceId, string name);
}

/// <summary>A failed instance and why it failed.</summary>
internal sealed record FailedInstance(string Id, string Name, DateTime CreatedAt, DateTime FailedAt, string? ErrorType, string Failure);
