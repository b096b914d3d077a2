using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace ReviewFlow.Functions.Web.Auth;

/// <summary>The browser's sign-in cookie (standalone mode), issued by <c>POST /signin</c> for a valid key.</summary>
internal static class SignInCookie
{
    public const string SchemeName = "ReviewFlowCookie";

    /// <summary>A working day: long enough not to nag, short enough that a forgotten session ends.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = "rf-auth";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = Lifetime;

        // A fixed end: activity does not stretch a session past the working day.
        options.SlidingExpiration = false;
        options.LoginPath = SignInEndpoints.SignInPath;
        options.Events = new CookieAuthenticationEvents
        {
            OnRedirectToLogin = context => AuthResponses.ChallengeAsync(context.HttpContext),
            OnRedirectToAccessDenied = context => AuthResponses.ForbidAsync(context.HttpContext),
            OnValidatePrincipal = RejectRevokedKey,
        };
    }

    /// <summary>A cookie lives no longer than its key: removing a key from configuration signs its sessions out.</summary>
    private static Task RejectRevokedKey(CookieValidatePrincipalContext context)
    {
        var keys = context.HttpContext.RequestServices.GetService(typeof(ApiKeyRing)) as ApiKeyRing;
        if (keys is null || !keys.IsCurrent(context.Principal?.FindFirst(ApiKeyRing.FingerprintClaim)?.Value))
        {
            context.RejectPrincipal();
        }

        return Task.CompletedTask;
    }
}
