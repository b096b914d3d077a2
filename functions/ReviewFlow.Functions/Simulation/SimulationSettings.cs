using Microsoft.Extensions.Configuration;
using ReviewFlow.Functions.Hosting;
using ReviewFlow.Integrations.Calendar.Graph;
using ReviewFlow.Integrations.Email.SendGrid;

namespace ReviewFlow.Functions.Simulation;

/// <summary>What <c>simulate</c> was asked to do.</summary>
/// <param name="ScenarioPath">The scenario file.</param>
/// <param name="OutDirectory">Where timeline.json, report.html, outbox/ and calendar/ (dev calendar only) go.</param>
/// <param name="ConnectionString">Storage to use; null starts a private Azurite.</param>
/// <param name="Timeout">Wall-clock limit for the run.</param>
/// <param name="ShowProgress">Whether to draw live progress (off for tests and redirected output).</param>
/// <param name="SendGrid">
/// The "SendGrid" configuration section: with an API key, emails go through the SendGrid adapter (pointed at a
/// stub or a sandbox by its <c>ApiBaseUrl</c>) instead of the dev outbox; the people still answer them.
/// </param>
/// <param name="Graph">
/// The "Graph" configuration section: when it asks for Graph (the same rule as <c>serve</c>, for example a
/// <c>DevelopmentAccessToken</c> with a loopback <c>BaseUrl</c>), meetings are booked through the Graph adapter instead
/// of the dev calendar, the scenario's busy blocks are put in the people's Graph calendars, and no calendar/ is written.
/// </param>
public sealed record SimulationSettings(
    string ScenarioPath,
    string OutDirectory,
    string? ConnectionString,
    TimeSpan Timeout,
    bool ShowProgress,
    IConfigurationSection? SendGrid = null,
    IConfigurationSection? Graph = null)
{
    /// <summary>True when emails go through SendGrid.</summary>
    public bool UsesSendGrid => !string.IsNullOrWhiteSpace(SendGrid?[nameof(SendGridOptions.ApiKey)]);

    /// <summary>True when meetings are booked through Microsoft Graph (or a stub of it) rather than in the dev calendar.</summary>
    public bool UsesGraph => IntegrationSelection.IsGraphConfigured(Graph);

    /// <summary>
    /// Checks the Graph settings when Graph is used, so bad ones (a development token off loopback, say) stop the
    /// run before storage starts or anything is written.
    /// </summary>
    /// <exception cref="InvalidOperationException">A Graph setting is missing or invalid (never echoing a secret).</exception>
    public void ValidateGraph()
    {
        if (UsesGraph)
        {
            var options = new GraphCalendarOptions();
            Graph!.Bind(options);
            options.Validate();
        }
    }
}

/// <summary>What a simulation produced.</summary>
/// <param name="Cycles">Seller cycles run.</param>
/// <param name="Failed">Cycles that did not complete, with the reason.</param>
/// <param name="TimelineEntries">Entries written to timeline.json.</param>
/// <param name="Emails">Emails in the outbox.</param>
/// <param name="Meetings">Meetings booked (<c>ReviewBooked</c> entries of the timeline, whichever calendar holds them).</param>
/// <param name="Episodes">Orchestration episodes the engine committed (every step of every cycle).</param>
/// <param name="Activities">Activities the engine ran.</param>
/// <param name="EngineStorageRequests">Storage requests the engine sent (the adapters' own are not counted).</param>
/// <param name="WallTime">Wall time of the quarter (storage start excluded).</param>
/// <param name="VirtualDays">Virtual days the quarter covered.</param>
/// <param name="TimeSteps">Times the virtual clock moved forward (each after the work due at the previous time was done).</param>
/// <param name="PeakWorkingSetBytes">Peak working set of this process.</param>
/// <param name="OutDirectory">Where the files are.</param>
/// <param name="Outcomes">How many times each behaviour happened (coaching opened, recognition, refusals…), by timeline type.</param>
public sealed record SimulationResult(
    int Cycles,
    IReadOnlyList<string> Failed,
    int TimelineEntries,
    int Emails,
    int Meetings,
    long Episodes,
    long Activities,
    long EngineStorageRequests,
    TimeSpan WallTime,
    double VirtualDays,
    long TimeSteps,
    long PeakWorkingSetBytes,
    string OutDirectory,
    IReadOnlyDictionary<string, int> Outcomes);
