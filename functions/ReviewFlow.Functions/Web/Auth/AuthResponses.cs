using System.Text;
using Microsoft.AspNetCore.Http;
using ReviewFlow.Functions.Web.Html;

namespace ReviewFlow.Functions.Web.Auth;

/// <summary>
/// What an unauthenticated or unauthorised request gets: the API answers with a JSON problem (401 or 403), a
/// browser page redirects to the sign-in page (or shows "not allowed").
/// </summary>
internal static class AuthResponses
{
    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static Task ChallengeAsync(HttpContext http)
    {
        if (IsApi(http.Request))
        {
            http.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ApiKeyHandler.HeaderName}\"";
            return Results.Problem(
                    "Sign in first: send a valid API key in the X-Api-Key header (or, on Azure, sign in through App Service Authentication).",
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Not signed in")
                .ExecuteAsync(http);
        }

        http.Response.Redirect(SignInEndpoints.SignInPath + "?returnUrl=" + Uri.EscapeDataString(http.Request.PathBase + http.Request.Path + http.Request.QueryString));
        return Task.CompletedTask;
    }

    public static Task ForbidAsync(HttpContext http)
    {
        if (IsApi(http.Request))
        {
            return Results.Problem(
                    "You are signed in, but this needs a role you do not have (RevOps, or the manager of the team).",
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Not allowed")
                .ExecuteAsync(http);
        }

        return Results.Content(
                Layout.Page("Not allowed", "<p>You are signed in, but this page is for RevOps or the manager of the team. <a href=\"/dashboard\">Back to the dashboard</a>.</p>"),
                "text/html; charset=utf-8",
                Encoding.UTF8,
                StatusCodes.Status403Forbidden)
            .ExecuteAsync(http);
    }
}
