using Azure.Core;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ReviewFlow.Integrations.Calendar.Graph;

/// <summary>Registers the Microsoft Graph calendar.</summary>
public static class GraphCalendarServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="GraphCalendar"/> (also as <see cref="ICalendar"/>, replacing for single resolution any calendar
    /// registered before, such as the dev calendar) with the credential the options select. The options are
    /// validated here and the credential is built here, so a bad setting fails at startup rather than at the first
    /// booking.
    /// </summary>
    /// <exception cref="InvalidOperationException">The options are invalid (the message names every bad setting, never a secret).</exception>
    public static IServiceCollection AddReviewFlowGraphCalendar(this IServiceCollection services, Action<GraphCalendarOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new GraphCalendarOptions();
        configure(options);
        return services.AddGraphCalendar(options, GraphCredentialFactory.Create(options));
    }

    /// <summary>
    /// Adds <see cref="GraphCalendar"/> as <see cref="AddReviewFlowGraphCalendar(IServiceCollection, Action{GraphCalendarOptions})"/>
    /// does, signing in with <paramref name="credential"/> (for example a <c>DefaultAzureCredential</c>, or a fixed
    /// token against a test stub); the credential settings of the options are then not used.
    /// </summary>
    /// <exception cref="InvalidOperationException">The endpoint or limits in the options are invalid.</exception>
    public static IServiceCollection AddReviewFlowGraphCalendar(
        this IServiceCollection services, TokenCredential credential, Action<GraphCalendarOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new GraphCalendarOptions();
        configure(options);
        options.Validate(requireCredential: false);
        return services.AddGraphCalendar(options, credential);
    }

    private static IServiceCollection AddGraphCalendar(this IServiceCollection services, GraphCalendarOptions options, TokenCredential credential)
    {
        services.AddSingleton(options);
        services.AddSingleton(sp => new GraphCalendar(
            options,
            credential,
            (sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<GraphCalendar>()));
        services.AddSingleton<ICalendar>(sp => sp.GetRequiredService<GraphCalendar>());
        return services;
    }
}
