using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ReviewFlow.Domain.Policy;
using ReviewFlow.Functions.Management;

namespace ReviewFlow.Functions.Web.Api;

/// <summary>The services of the management API: the roster, the review policy new quarters use, and the OpenAPI document.</summary>
internal static class ApiRegistration
{
    /// <summary>Configuration section of the policy new quarters start with (absent: <see cref="ReviewPolicy.Default"/>).</summary>
    public const string PolicySection = "ReviewFlow:Policy";

    public static IServiceCollection AddManagementApi(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(ApiMarker)))
        {
            return services;
        }

        services.AddSingleton<ApiMarker>();
        services.AddManagement();
        services.TryAddSingleton(ReadPolicy(configuration));
        services.AddOpenApi("v1", o =>
        {
            // The API only: the pages (action links, sign-in, dashboard) are not part of the contract.
            o.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "ReviewFlow management API";
                document.Info.Description = "Roster, quarters, cycles and failed instances. Authenticate with the X-Api-Key header (standalone) or App Service Authentication (Azure). See docs/api.md.";
                return Task.CompletedTask;
            });
        });
        services.Configure<JsonOptions>(o => o.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow);
        return services;
    }

    private static ReviewPolicy ReadPolicy(IConfiguration configuration)
    {
        var section = configuration.GetSection(PolicySection);
        if (!section.Exists())
        {
            return ReviewPolicy.Default;
        }

        ReviewPolicy? policy;
        try
        {
            policy = section.Get<ReviewPolicy>();
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"Invalid {PolicySection} settings: {e.Message}", e);
        }

        var problems = policy?.Validate() ?? [];
        return policy is not null && problems.Count == 0
            ? policy
            : throw new InvalidOperationException($"Invalid {PolicySection} settings: {string.Join(" ", problems)}");
    }

    /// <summary>Registered once: the API's services are added from more than one place until the host wires them itself.</summary>
    private sealed class ApiMarker;
}
