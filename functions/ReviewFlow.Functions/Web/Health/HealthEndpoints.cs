using Azure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReviewFlow.Durable;

namespace ReviewFlow.Functions.Web.Health;

/// <summary><c>GET /healthz</c>: 200 when storage answers, 503 when it does not (for probes and load balancers).</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", async (DurableTaskClient client, CancellationToken ct) =>
        {
            try
            {
                // A point read on the instances table: proves the account, the credentials and the task hub.
                await client.GetInstanceAsync("healthz-probe", cancellationToken: ct);
                return Results.Json(new { status = "healthy", storage = "ok" });
            }
            catch (RequestFailedException e)
            {
                return Results.Json(new { status = "unhealthy", storage = $"storage answered {e.Status}" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            catch (HttpRequestException)
            {
                return Results.Json(new { status = "unhealthy", storage = "storage unreachable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return routes;
    }
}
