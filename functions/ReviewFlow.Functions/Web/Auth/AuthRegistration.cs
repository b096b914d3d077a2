using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReviewFlow.Functions.Web.Api;

namespace ReviewFlow.Functions.Web.Auth;

/// <summary>Authentication and authorization for the dashboard and the API (the action pages use signed links instead).</summary>
internal static class AuthRegistration
{
    /// <summary>Forwards to the scheme that fits the mode and the request.</summary>
    private const string SelectorScheme = "ReviewFlow";

    public static IServiceCollection AddReviewFlowAuth(this IServiceCollection services, IConfiguration configuration, bool localDevelopment)
    {
        var settings = Read(configuration);
        if (settings.Mode == AuthMode.Standalone && settings.ApiKeys.Count == 0 && localDevelopment)
        {
            var key = LocalSignInKey.Generate();
            settings.ApiKeys.Add(key);
            services.AddHostedService(_ => new LocalSignInKey(key));
        }

        services.AddSingleton(settings);
        services.AddSingleton(new ApiKeyRing(settings.ApiKeys));

        // The roster (registered with the API, see WebRegistration) answers "which manager is this email?" for App
        // Service sign-ins.
        var authentication = services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, SelectorScheme, o => o.ForwardDefaultSelector = http =>
                settings.Mode == AuthMode.AppService ? AppServicePrincipalHandler.SchemeName
                : http.Request.Headers.ContainsKey(ApiKeyHandler.HeaderName) ? ApiKeyHandler.SchemeName
                : SignInCookie.SchemeName);
        if (settings.Mode == AuthMode.AppService)
        {
            // Only here: in any other mode nothing strips a client-sent X-MS-CLIENT-PRINCIPAL, so it must not be read.
            authentication.AddScheme<AuthenticationSchemeOptions, AppServicePrincipalHandler>(AppServicePrincipalHandler.SchemeName, null);
        }
        else
        {
            authentication.AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null);
        }

        authentication.AddCookie(SignInCookie.SchemeName, SignInCookie.Configure);
        services.AddAuthorizationBuilder()
            .AddPolicy(ViewerClaims.ViewerPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => Viewer.From(c.User) is not null))
            .AddPolicy(ViewerClaims.RevOpsPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => Viewer.From(c.User)?.IsRevOps == true));
        return services;
    }

    public static WebApplication UseReviewFlowAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapSignIn(app.Services.GetRequiredService<AuthOptions>());
        return app;
    }

    private static AuthOptions Read(IConfiguration configuration)
    {
        var settings = new AuthOptions();
        try
        {
            configuration.GetSection(AuthOptions.SectionName).Bind(settings);
        }
        catch (InvalidOperationException e)
        {
            // The binder names the setting and the value it could not convert (a mode or role name, never a key).
            throw new InvalidOperationException("Invalid Auth settings: " + e.Message, e);
        }

        var problems = settings.Validate();
        return problems.Count == 0 ? settings : throw new InvalidOperationException("Invalid Auth settings: " + string.Join(" ", problems));
    }
}
