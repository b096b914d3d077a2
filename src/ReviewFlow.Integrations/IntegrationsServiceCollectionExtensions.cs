using Azure.Data.Tables;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

using ReviewFlow.Integrations.Calendar;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Journal;

namespace ReviewFlow.Integrations;

/// <summary>Registers the integrations.</summary>
public static class IntegrationsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the dev adapters on the storage account of <paramref name="connectionString"/> (Azurite locally).
    /// See <see cref="AddReviewFlowDevAdapters(IServiceCollection, TableServiceClient, Action{DevAdapterOptions})"/>.
    /// </summary>
    public static IServiceCollection AddReviewFlowDevAdapters(
        this IServiceCollection services, string connectionString, Action<DevAdapterOptions> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return services.AddReviewFlowDevAdapters(new TableServiceClient(connectionString), configure);
    }

    /// <summary>
    /// Adds <see cref="TemplateRenderer"/>, <see cref="DevOutbox"/> (also as <see cref="IEmailSender"/>),
    /// <see cref="DevCalendar"/> (also as <see cref="ICalendar"/>), <see cref="TableCycleJournal"/> (also as
    /// <see cref="ICycleJournal"/>) and <see cref="DevAdapterStores"/>, whose <c>EnsureCreatedAsync</c> creates
    /// the tables; call it once at startup. A <see cref="TimeProvider"/> registered before this call (a virtual
    /// clock in simulations) is used; otherwise the system clock. The options are validated here, so a bad
    /// setting fails at startup rather than at the first email.
    /// </summary>
    public static IServiceCollection AddReviewFlowDevAdapters(
        this IServiceCollection services, TableServiceClient tableService, Action<DevAdapterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(tableService);
        ArgumentNullException.ThrowIfNull(configure);

        var options = new DevAdapterOptions();
        configure(options);
        options.Validate();

        // The client is captured rather than registered, so it cannot clash with another project's TableServiceClient.
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TemplateRenderer>();
        services.AddSingleton(options);
        services.AddSingleton(sp => new DevOutbox(
            tableService, sp.GetRequiredService<TemplateRenderer>(), options, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<DevOutbox>());
        services.AddSingleton(sp => new DevCalendar(tableService, options, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ICalendar>(sp => sp.GetRequiredService<DevCalendar>());
        services.AddSingleton(_ => new TableCycleJournal(tableService, options));
        services.AddSingleton<ICycleJournal>(sp => sp.GetRequiredService<TableCycleJournal>());
        services.AddSingleton<DevAdapterStores>();
        return services;
    }
}
