using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReviewFlow.Functions.Web.Auth;

/// <summary>
/// App Service mode: trusts the <c>X-MS-CLIENT-PRINCIPAL</c> header, which the platform sets after signing the
/// person in and strips from client requests. Only registered in that mode: anywhere else the header is a
/// client's claim about itself and is ignored.
/// </summary>
internal sealed partial class AppServicePrincipalHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AuthOptions settings, IManagerDirectory managers)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AppService";

    /// <summary>Entra ID puts app roles in "roles" whatever role_typ says, so both are read.</summary>
    private const string EntraRolesClaim = "roles";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ClientPrincipal.HeaderName, out var header))
        {
            return AuthenticateResult.NoResult();
        }

        if (ClientPrincipal.Decode(header.Count == 1 ? header[0] : null) is not { } principal)
        {
            LogUnreadable(Logger);
            return AuthenticateResult.Fail("The client principal header could not be read.");
        }

        var roles = principal.Values(principal.RoleType).Concat(principal.Values(EntraRolesClaim)).ToHashSet(StringComparer.Ordinal);
        var email = principal.Values(settings.ManagerIdClaim).FirstOrDefault();
        var managerId = email is null ? null : await managers.ManagerIdForEmailAsync(email, Context.RequestAborted);
        var name = principal.Values(principal.NameType ?? ClaimTypes.Name).FirstOrDefault() ?? email ?? "someone";

        var claims = new List<Claim> { new(ClaimTypes.Name, name) };
        if (roles.Contains(settings.RevOpsRole))
        {
            claims.Add(new Claim(ViewerClaims.Role, ViewerClaims.RevOpsRole));
        }
        else if (managerId is not null)
        {
            claims.Add(new Claim(ViewerClaims.Role, ViewerClaims.ManagerRole));
        }

        // Without either role the person is still signed in: they get 403 (not 401), which tells them to ask for access.
        if (managerId is not null)
        {
            claims.Add(new Claim(ViewerClaims.ManagerId, managerId));
        }

        var identity = new ClaimsIdentity(claims, principal.AuthType ?? SchemeName, ClaimTypes.Name, ViewerClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => AuthResponses.ChallengeAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AuthResponses.ForbidAsync(Context);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An X-MS-CLIENT-PRINCIPAL header was not base64 JSON of a client principal; the request is not authenticated.")]
    private static partial void LogUnreadable(ILogger logger);
}
