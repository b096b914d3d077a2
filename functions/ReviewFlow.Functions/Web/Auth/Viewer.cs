using System.Security.Claims;

namespace ReviewFlow.Functions.Web.Auth;

/// <summary>
/// Who is looking at the dashboard or calling the API, as ReviewFlow needs it: a manager sees their own team,
/// RevOps sees everything. Built from the authenticated principal's claims (see <see cref="ViewerClaims"/>).
/// </summary>
/// <param name="Name">Display name, for the page header.</param>
/// <param name="IsRevOps">True for RevOps: every team.</param>
/// <param name="ManagerId">The manager's id (their team), or null for RevOps without a team.</param>
internal sealed record Viewer(string Name, bool IsRevOps, string? ManagerId)
{
    /// <summary>The viewer of an authenticated request, or null when the request is anonymous or has no ReviewFlow role.</summary>
    public static Viewer? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var role = user.FindFirst(ViewerClaims.Role)?.Value;
        var manager = user.FindFirst(ViewerClaims.ManagerId)?.Value;
        var name = user.FindFirst(ClaimTypes.Name)?.Value ?? user.Identity.Name ?? manager ?? "someone";
        return role switch
        {
            ViewerClaims.RevOpsRole => new Viewer(name, true, manager),
            ViewerClaims.ManagerRole when !string.IsNullOrEmpty(manager) => new Viewer(name, false, manager),
            _ => null,
        };
    }

    /// <summary>True when this viewer may see <paramref name="managerId"/>'s team.</summary>
    public bool CanSeeTeam(string managerId) => IsRevOps || string.Equals(ManagerId, managerId, StringComparison.Ordinal);
}

/// <summary>The claims ReviewFlow's authentication handlers put on a principal.</summary>
internal static class ViewerClaims
{
    public const string Role = "reviewflow:role";
    public const string ManagerId = "reviewflow:manager";
    public const string ManagerRole = "manager";
    public const string RevOpsRole = "revops";

    /// <summary>Authorization policy: any manager or RevOps.</summary>
    public const string ViewerPolicy = "reviewflow-viewer";

    /// <summary>Authorization policy: RevOps only.</summary>
    public const string RevOpsPolicy = "reviewflow-revops";
}
