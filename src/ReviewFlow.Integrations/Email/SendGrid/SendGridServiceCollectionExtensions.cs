using Azure.Data.Tables;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ReviewFlow.Integrations.Email.SendGrid;

/// <summary>Registers the SendGrid email sender.</summary>
public static class SendGridServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SendGridEmailSender"/> (also as <see cref="IEmailSender"/>, replacing for single resolution any
    /// sender registered before), its named <see cref="HttpClient"/> with the retry handler, and
    /// <see cref="TemplateRenderer"/> unless one is registered already. The sent-log table lives on
    /// <paramref name="tableService"/>; call <see cref="SendGridEmailSender.EnsureCreatedAsync"/> once at startup.
    /// A <see cref="TimeProvider"/> registered before this call is used for the claim lease; otherwise the system
    /// clock. The options are validated here, so a bad setting fails at startup rather than at the first email.
    /// </summary>
    /// <exception cref="InvalidOperationException">The options are invalid (the message names every bad setting, never the key).</exception>
    public static IServiceCollection AddReviewFlowSendGrid(
        this IServiceCollection services, TableServiceClient tableService, Action<SendGridOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(tableService);
        ArgumentNullException.ThrowIfNull(configure);

        var options = new SendGridOptions();
        configure(options);
        options.Validate();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TemplateRenderer>();
        services.AddSingleton(options);
        services.AddHttpClient(SendGridEmailSender.HttpClientName, client =>
            {
                // The resilience pipeline owns every time limit (per attempt and per send, retries included).
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddResilienceHandler(SendGridResilience.PipelineName, (builder, context) => SendGridResilience.Configure(
                builder,
                options,
                context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<SendGridEmailSender>()));

        // The client is captured rather than registered, so it cannot clash with another project's TableServiceClient.
        services.AddSingleton(sp => new SendGridEmailSender(
            tableService,
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<TemplateRenderer>(),
            options,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SendGridEmailSender>>()));
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<SendGridEmailSender>());
        return services;
    }
}
