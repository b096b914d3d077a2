using Microsoft.Extensions.Configuration;
using ReviewFlow.Integrations.Links;

namespace ReviewFlow.Functions.Hosting;

/// <summary>Reads the "Links" section, with the local-development fallbacks.</summary>
internal static class LinkSettings
{
    public static ActionLinkOptions Read(IConfiguration configuration, ServiceStart start)
    {
        var options = new ActionLinkOptions();
        configuration.GetSection(ActionLinkOptions.SectionName).Bind(options);
        if (string.IsNullOrWhiteSpace(options.PublicBaseUrl) && start.LocalDevelopment)
        {
            // Locally the links open the service itself.
            options.PublicBaseUrl = start.Urls.Split(';')[0].Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal);
        }

        if (options.SigningKeys.Count == 0 && start.LocalDevelopment)
        {
            options.SigningKeys.Add(SigningKey.Ephemeral());
        }

        return options;
    }
}
