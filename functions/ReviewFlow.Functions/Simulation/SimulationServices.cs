using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReviewFlow.Durable;
using ReviewFlow.Durable.Diagnostics;
using ReviewFlow.Durable.Time;
using ReviewFlow.Functions.Hosting;
using ReviewFlow.Functions.Simulation.People;
using ReviewFlow.Functions.Simulation.Scenario;
using ReviewFlow.Integrations;
using ReviewFlow.Integrations.Calendar.Graph;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Email.SendGrid;
using ReviewFlow.Integrations.Links;
using ReviewFlow.Workflows;
using ReviewFlow.Workflows.Cycle;
using ReviewFlow.Workflows.Diagnostics;

namespace ReviewFlow.Functions.Simulation;

/// <summary>
/// The container for one simulation: the real engine and workflows on the given storage, the dev outbox (or
/// SendGrid) and the dev calendar (or Microsoft Graph), a virtual clock, and the scenario's people answering their email.
/// </summary>
internal static class SimulationServices
{
    /// <summary>Where the simulated emails' links point: nothing serves them in a simulation.</summary>
    public const string SimulatedLinkBase = "https://reviewflow.example.test";

    public static ServiceProvider Build(
        Scenario.Scenario scenario,
        string connectionString,
        string taskHub,
        string outboxDirectory,
        VirtualClock clock,
        IConfigurationSection? sendGrid = null,
        IConfigurationSection? graph = null)
    {
        var sellersByCycle = scenario.AllSellers.ToDictionary(s => CycleIds.ForSeller(scenario.Quarter.Label, s.Seller.Person.Id), StringComparer.Ordinal);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(clock);

        // Engine logs name cycles with the seller's id hashed, as the service's do.
        services.AddSingleton<IInstanceTelemetryIdentity, CycleTelemetryIdentity>();
        services.AddReviewFlowDevAdapters(connectionString, options =>
        {
            options.OutboxDirectory = outboxDirectory;
            options.TablePrefix = taskHub;
            options.OwnsTables = true; // the run's own tables: the calendar reads its table once, then from memory
            options.JournalTableName = taskHub + "Journal";
        });

        // Links in the outbox are signed as in production; the key lives as long as the run.
        services.AddReviewFlowActionLinks(new TableServiceClient(connectionString), taskHub + "UsedLinks", ActionLinkOptions.WithEphemeralKey(SimulatedLinkBase));

        var usesSendGrid = !string.IsNullOrWhiteSpace(sendGrid?[nameof(SendGridOptions.ApiKey)]);
        if (usesSendGrid)
        {
            services.AddReviewFlowSendGrid(new TableServiceClient(connectionString), o =>
            {
                o.SentLogTableName = taskHub + "SentLog";
                sendGrid!.Bind(o);
            });
        }

        // Registered after the dev adapters, so activities get Graph as their ICalendar; the dev calendar stays
        // registered (unused) as in the service. Graph keeps real time for its retries whatever the virtual clock says.
        if (IntegrationSelection.IsGraphConfigured(graph))
        {
            services.AddReviewFlowGraphCalendar(o => graph!.Bind(o));
        }

        // The people read what is delivered: registered last, so activities get the decorated sender.
        services.AddSingleton<IEmailSender>(sp => new SimulatedPeople(
            usesSendGrid ? sp.GetRequiredService<SendGridEmailSender>() : sp.GetRequiredService<DevOutbox>(),
            sp.GetRequiredService<DurableTaskClient>(),
            scenario.Quarter,
            sellersByCycle,
            clock));
        services.AddReviewFlowDurable(
            storage =>
            {
                storage.ConnectionString = connectionString;
                storage.TaskHubName = taskHub;
            },
            tasks => tasks.AddReviewFlowWorkflows(),
            worker =>
            {
                // One process owns the simulation's task hub: its worker, its client and the scripted people.
                worker.LocalTimerDelivery = true;
                worker.OwnsTaskHub = true;
            });
        return services.BuildServiceProvider();
    }
}
