using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReviewFlow.Functions.Web.Auth;

namespace ReviewFlow.Functions.Web.Api;

/// <summary>The management API (JSON under <c>/api</c>, documented with OpenAPI at <c>/openapi/v1.json</c>).</summary>
internal static class ManagementApiEndpoints
{
    public static IEndpointRouteBuilder MapManagementApi(this IEndpointRouteBuilder routes)
    {
        // The document describes the endpoints only; it is public so tools can read it before they have a key.
        routes.MapOpenApi("/openapi/{documentName}.json");
        var api = routes.MapGroup("/api")
            .RequireAuthorization(ViewerClaims.ViewerPolicy)
            .WithTags("ReviewFlow");
        api.MapRoster();
        api.MapQuarters();
        api.MapCycles();
        api.MapInstances();
        return routes;
    }
}
