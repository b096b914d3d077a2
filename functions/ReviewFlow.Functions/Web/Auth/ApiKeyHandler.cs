using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReviewFlow.Functions.Web.Auth;

/// <summary>Standalone mode: authenticates the <c>X-Api-Key</c> header against the configured keys.</summary>
internal sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRing keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        // One header, one value: a list of keys is not a key. The failure message never repeats what was sent.
        var principal = values.Count == 1 ? keys.Authenticate(values[0], SchemeName) : null;
        return Task.FromResult(principal is null
            ? AuthenticateResult.Fail("The X-Api-Key header does not hold a valid key.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => AuthResponses.ChallengeAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AuthResponses.ForbidAsync(Context);
}
