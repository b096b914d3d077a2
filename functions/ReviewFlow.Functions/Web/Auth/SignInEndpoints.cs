using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReviewFlow.Functions.Web.Html;
using static ReviewFlow.Functions.Web.Html.Html;

namespace ReviewFlow.Functions.Web.Auth;

/// <summary>
/// The browser sign-in. Standalone: <c>GET /signin</c> asks for an API key, <c>POST /signin</c> checks it and sets
/// the sign-in cookie, <c>POST /signout</c> clears it. App Service mode: <c>/signin</c> hands over to the
/// platform's own login.
/// </summary>
internal static class SignInEndpoints
{
    public const string SignInPath = "/signin";
    public const string SignOutPath = "/signout";
    public const string DefaultReturn = "/dashboard";

    private const string KeyField = "key";
    private const string ReturnField = "returnUrl";
    private const int MaxReturnLength = 2048;

    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder routes, AuthOptions settings)
    {
        if (settings.Mode == AuthMode.AppService)
        {
            routes.MapGet(SignInPath, (string? returnUrl) =>
                Results.Redirect("/.auth/login/aad?post_login_redirect_uri=" + Uri.EscapeDataString(LocalOrDefault(returnUrl))));
            routes.MapPost(SignOutPath, () => Results.Redirect("/.auth/logout"));
            return routes;
        }

        routes.MapGet(SignInPath, (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
            Page(http, antiforgery, LocalOrDefault(returnUrl), null, StatusCodes.Status200OK));
        routes.MapPost(SignInPath, SignInAsync);
        routes.MapPost(SignOutPath, SignOutAsync);
        return routes;
    }

    /// <summary>A "Sign out" button for a signed-in page (a form, so it carries the anti-forgery token).</summary>
    public static string SignOutForm(HttpContext http, IAntiforgery antiforgery)
    {
        ArgumentNullException.ThrowIfNull(antiforgery);
        var tokens = antiforgery.GetAndStoreTokens(http);
        return $"<form method=\"post\" action=\"{SignOutPath}\" class=\"signout\">{Hidden(tokens.FormFieldName, tokens.RequestToken)}<button type=\"submit\" class=\"secondary\">Sign out</button></form>";
    }

    private static async Task<IResult> SignInAsync(HttpContext http, IAntiforgery antiforgery, ApiKeyRing keys)
    {
        if (!http.Request.HasFormContentType)
        {
            return Page(http, antiforgery, DefaultReturn, "The sign-in form was not sent as a form.", StatusCodes.Status400BadRequest);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var returnUrl = LocalOrDefault(form[ReturnField].ToString());
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Page(http, antiforgery, returnUrl, "The sign-in form had expired. Please try again.", StatusCodes.Status400BadRequest);
        }

        var principal = keys.Authenticate(form[KeyField].ToString().Trim(), SignInCookie.SchemeName);
        if (principal is null)
        {
            return Page(http, antiforgery, returnUrl, "That key is not valid. Check it and try again.", StatusCodes.Status401Unauthorized);
        }

        await http.SignInAsync(SignInCookie.SchemeName, principal, new AuthenticationProperties { IsPersistent = false });
        return Results.Redirect(returnUrl);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
        {
            return Results.Redirect(SignInPath);
        }

        await http.SignOutAsync(SignInCookie.SchemeName);
        return Results.Redirect(SignInPath);
    }

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string returnUrl, string? problem, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var body = new StringBuilder()
            .Append(problem is null ? "" : $"<div class=\"problems\" role=\"alert\"><p>{E(problem)}</p></div>")
            .Append("<form method=\"post\" action=\"").Append(SignInPath).Append("\" novalidate>")
            .Append(Hidden(tokens.FormFieldName, tokens.RequestToken))
            .Append(Hidden(ReturnField, returnUrl))
            .Append("<label for=\"key\">Your ReviewFlow key</label>")
            .Append("<p class=\"hint\" id=\"key-hint\">RevOps gives each manager a personal key. Running locally, the key is printed in the console when the service starts.</p>")
            .Append("<input type=\"password\" id=\"key\" name=\"").Append(KeyField).Append("\" autocomplete=\"current-password\" required aria-describedby=\"key-hint\">")
            .Append("<button type=\"submit\">Sign in</button></form>");
        return Results.Content(Layout.Page("Sign in", body.ToString()), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    private static string Hidden(string? name, string? value) => $"<input type=\"hidden\" name=\"{E(name)}\" value=\"{E(value)}\">";

    /// <summary>Only a path on this site: never another host, so the sign-in page cannot be used to send people elsewhere.</summary>
    private static string LocalOrDefault(string? returnUrl) =>
        returnUrl is { Length: > 1 and <= MaxReturnLength }
        && returnUrl[0] == '/'
        && returnUrl[1] is not '/' and not '\\'
        && !returnUrl.Any(char.IsControl)
        && !returnUrl.Contains('\\', StringComparison.Ordinal)
            ? returnUrl
            : DefaultReturn;
}
