using Microsoft.AspNetCore.Routing;

namespace ReviewFlow.Functions.Web.Dashboard;

/// <summary>The manager's team board, the seller detail page and the RevOps roll-up.</summary>
internal static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder routes) => routes;
}
