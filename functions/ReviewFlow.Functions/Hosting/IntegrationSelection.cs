using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReviewFlow.Integrations;
using ReviewFlow.Integrations.Calendar.Graph;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Email.SendGrid;

namespace ReviewFlow.Functions.Hosting;

/// <summary>Which adapters the service runs on, said once at start-up.</summary>
/// <param name="Email">"SendGrid" or "dev outbox".</param>
/// <param name="Calendar">"Microsoft Graph", "Microsoft Graph (development token, loopback stub at …)" or "dev calendar".</param>
/// <param name="UsesSendGrid">True when emails go through SendGrid (its sent-log table is created at start-up).</param>
internal sealed record IntegrationChoice(string Email, string Calendar, bool UsesSendGrid);

/// <summary>
/// Credentials present ⇒ the real service; absent ⇒ the dev adapter. The dev adapters are always registered
/// (the journal lives with them); a real adapter registered after them is what the activities get.
/// </summary>
internal static class IntegrationSelection
{
    public static IntegrationChoice AddReviewFlowIntegrations(this IServiceCollection services, IConfiguration configuration, TableServiceClient tables, ServiceOptions options)
    {
        // An organisation's template overrides (if any), validated when the renderer is built at start-up.
        var templates = new TemplateOptions();
        configuration.GetSection(TemplateOptions.SectionName).Bind(templates);
        services.AddSingleton(_ => new TemplateRenderer(templates));

        services.AddReviewFlowDevAdapters(tables, o =>
        {
            o.OutboxDirectory = options.OutboxDirectory;
            o.TablePrefix = options.TaskHub;
            o.JournalTableName = options.TaskHub + "Journal";
        });

        var sendGrid = configuration.GetSection(SendGridOptions.SectionName);
        var usesSendGrid = !string.IsNullOrWhiteSpace(sendGrid[nameof(SendGridOptions.ApiKey)]);
        if (usesSendGrid)
        {
            services.AddReviewFlowSendGrid(tables, o =>
            {
                o.SentLogTableName = options.TaskHub + "SentLog";
                sendGrid.Bind(o);
            });
        }

        var graph = configuration.GetSection(GraphCalendarOptions.SectionName);
        var usesGraph = IsGraphConfigured(graph);
        if (usesGraph)
        {
            services.AddReviewFlowGraphCalendar(o => graph.Bind(o));
        }

        var choice = new IntegrationChoice(
            usesSendGrid ? "SendGrid" : $"dev outbox ({options.OutboxDirectory})",
            usesGraph ? GraphCalendarName(graph) : "dev calendar",
            usesSendGrid);
        services.AddSingleton(choice);
        return choice;
    }

    /// <summary>
    /// Whether the <c>Graph</c> section asks for Microsoft Graph: it names a tenant or client id, a managed identity,
    /// or a development token for a loopback stub. <c>serve</c> and <c>simulate</c> decide the same way.
    /// </summary>
    public static bool IsGraphConfigured(IConfiguration? graph) =>
        graph is not null
        && (!string.IsNullOrWhiteSpace(graph[nameof(GraphCalendarOptions.TenantId)])
            || !string.IsNullOrWhiteSpace(graph[nameof(GraphCalendarOptions.ClientId)])
            || string.Equals(graph[nameof(GraphCalendarOptions.UseManagedIdentity)], "true", StringComparison.OrdinalIgnoreCase)
            || !string.IsNullOrWhiteSpace(graph[nameof(GraphCalendarOptions.DevelopmentAccessToken)]));

    /// <summary>
    /// How start-up names the calendar: a development token only ever reaches a loopback stub (the options refuse it
    /// elsewhere), and the log says so rather than claiming Outlook.
    /// </summary>
    public static string GraphCalendarName(IConfiguration graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return string.IsNullOrWhiteSpace(graph[nameof(GraphCalendarOptions.DevelopmentAccessToken)])
            ? "Microsoft Graph"
            : $"Microsoft Graph (development token, loopback stub at {graph[nameof(GraphCalendarOptions.BaseUrl)] ?? GraphCalendarOptions.DefaultBaseUrl})";
    }
}
