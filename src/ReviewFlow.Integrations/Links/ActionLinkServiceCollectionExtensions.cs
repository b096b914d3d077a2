using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ReviewFlow.Integrations.Links;

/// <summary>Registers signed action links.</summary>
public static class ActionLinkServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ActionLinkSigner"/>, <see cref="EmailLinkSigner"/> and <see cref="UsedLinks"/> (table
    /// <paramref name="usedLinksTable"/> on <paramref name="tableService"/>; call its <c>EnsureCreatedAsync</c> at
    /// startup). The options are validated here, so a missing or short key fails at startup.
    /// </summary>
    public static IServiceCollection AddReviewFlowActionLinks(
        this IServiceCollection services, TableServiceClient tableService, string usedLinksTable, ActionLinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(tableService);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(sp => new ActionLinkSigner(options, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<EmailLinkSigner>();
        services.AddSingleton(_ => new UsedLinks(tableService, usedLinksTable));
        return services;
    }
}
