using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReviewFlow.Durable;
using ReviewFlow.Durable.Worker;

namespace ReviewFlow.Functions.Hosting.CustomHandler;

/// <summary>
/// <c>POST /{FunctionName}</c>: the Functions host's invocations of the queue and timer functions. 200 with the
/// invocation result when the work is done (the host then deletes the queue message); 500 with logs when it must
/// be retried (the host makes the message visible again, counting deliveries); 400 for a body that is not an
/// invocation; 404 for a function this handler does not have.
/// </summary>
internal static partial class InvocationEndpoints
{
    /// <summary>Header the host puts on every request it sends the handler.</summary>
    public const string InvocationIdHeader = "X-Azure-Functions-InvocationId";

    // Added by Azure's front ends to requests from outside. The host builds invocation requests itself, without
    // them; a request carrying one came through the catch-all HTTP function, i.e. from the internet, and must not
    // be able to inject queue messages into the engine.
    private static readonly string[] ForwardedMarkers = ["X-Forwarded-For", "X-Original-URL", "X-ARR-LOG-ID", "DISGUISED-HOST", "X-MS-CLIENT-PRINCIPAL"];

    public static IEndpointRouteBuilder MapCustomHandler(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/{function}", InvokeAsync).AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    private static async Task<IResult> InvokeAsync(string function, HttpContext http)
    {
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ReviewFlow.CustomHandler");
        if (!http.Request.Headers.ContainsKey(InvocationIdHeader) || ForwardedMarkers.Any(http.Request.Headers.ContainsKey))
        {
            return Results.NotFound(); // not the host: to the outside these routes do not exist
        }

        if (HandlerFunctions.Find(function) is not { } target)
        {
            return Results.Json(
                new { error = $"No function named '{function}'. This handler has: {string.Join(", ", HandlerFunctions.All.Select(f => f.Name))}." },
                statusCode: StatusCodes.Status404NotFound);
        }

        JsonDocument body;
        try
        {
            body = await ReadBodyAsync(http.Request);
        }
        catch (Exception e) when (e is JsonException or BadHttpRequestException)
        {
            return Invalid(function, $"The body is not JSON: {e.Message}");
        }

        using (body)
        {
            var logs = new List<string>();
            try
            {
                var (retry, problem) = target.IsQueue
                    ? await RunQueueAsync(target, body.RootElement, http, logs)
                    : await RunTimerAsync(target, body.RootElement, http, logs);
                if (problem is not null)
                {
                    return Invalid(function, problem);
                }

                foreach (var line in logs)
                {
                    LogLine(logger, function, line);
                }

                return Results.Json(InvocationResult.WithLogs(logs), statusCode: retry ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK);
            }
            catch (Exception failure) when (failure is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
            {
                LogFailed(logger, function, failure);
                logs.Add($"{function} failed: {failure.GetType().Name}: {failure.Message}");
                return Results.Json(InvocationResult.WithLogs(logs), statusCode: StatusCodes.Status500InternalServerError);
            }
        }
    }

    private static async Task<(bool Retry, string? Problem)> RunQueueAsync(HandlerFunction target, JsonElement root, HttpContext http, List<string> logs)
    {
        var (invocation, problem) = InvocationPayload.ReadQueue(root, target.TriggerBinding);
        if (invocation is null)
        {
            return (false, problem);
        }

        var engine = http.RequestServices.GetRequiredService<DurableTriggerProcessor>();
        var hub = http.RequestServices.GetRequiredService<DurableStorageOptions>().TaskHubName;
        var queue = target.Kind == HandlerFunctionKind.WorkItems
            ? TaskHubQueueNames.WorkItems(hub)
            : TaskHubQueueNames.ControlQueue(hub, target.Partition);
        var message = new DeliveredMessage(queue, invocation.Id, invocation.Text, invocation.DequeueCount);
        var result = target.Kind == HandlerFunctionKind.WorkItems
            ? await engine.ProcessWorkItemAsync(message, http.RequestAborted)
            : await engine.ProcessControlMessageAsync(message, http.RequestAborted);
        logs.Add($"Message {invocation.Id} from {queue} (delivery {invocation.DequeueCount}): {Describe(result)}.");
        return (result == DeliveryResult.Retry, null);
    }

    private static async Task<(bool Retry, string? Problem)> RunTimerAsync(HandlerFunction target, JsonElement root, HttpContext http, List<string> logs)
    {
        var (invocation, problem) = InvocationPayload.ReadTimer(root, target.TriggerBinding);
        if (invocation is null)
        {
            return (false, problem);
        }

        if (invocation.IsPastDue)
        {
            logs.Add("The timer is past due (the host says this firing is late).");
        }

        if (target.Kind == HandlerFunctionKind.TimerSweep)
        {
            var delivered = await http.RequestServices.GetRequiredService<DurableTriggerProcessor>().SweepDueTimersAsync(http.RequestAborted);
            logs.Add($"Delivered {delivered} due durable timer(s).");
        }
        else
        {
            logs.AddRange(await http.RequestServices.GetRequiredService<QuarterKickoff>().RunAsync(http.RequestAborted));
        }

        return (false, null);
    }

    private static string Describe(DeliveryResult result) => result switch
    {
        DeliveryResult.Completed => "processed",
        DeliveryResult.Retry => "failed, to be retried",
        DeliveryResult.DeadLettered => "failed too often: moved to the engine's poison queue and its instance marked Failed",
        DeliveryResult.Parked => "unreadable: moved to the engine's poison queue",
        _ => result.ToString(),
    };

    private static async Task<JsonDocument> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > InvocationPayload.MaxBodyBytes)
        {
            throw new BadHttpRequestException($"The body is larger than {InvocationPayload.MaxBodyBytes} bytes.");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        if (buffer.Length > InvocationPayload.MaxBodyBytes)
        {
            throw new BadHttpRequestException($"The body is larger than {InvocationPayload.MaxBodyBytes} bytes.");
        }

        return JsonDocument.Parse(buffer.ToArray());
    }

    private static IResult Invalid(string function, string problem) =>
        Results.Json(new { error = $"Invalid invocation of {function}: {problem}" }, statusCode: StatusCodes.Status400BadRequest);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Function}: {Line}")]
    private static partial void LogLine(ILogger logger, string function, string line);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} failed; the host will retry it")]
    private static partial void LogFailed(ILogger logger, string function, Exception exception);
}
