using Microsoft.Extensions.Configuration;
using ReviewFlow.Integrations.Email.SendGrid;

namespace ReviewFlow.Functions.Simulation;

/// <summary>What <c>simulate</c> was asked to do.</summary>
/// <param name="ScenarioPath">The scenario file.</param>
/// <param name="OutDirectory">Where timeline.json, report.html, outbox/ and calendar/ go.</param>
/// <param name="ConnectionString">Storage to use; null starts a private Azurite.</param>
/// <param name="Timeout">Wall-clock limit for the run.</param>
/// <param name="ShowProgress">Whether to draw live progress (off for tests and redirected output).</param>
/// <param name="SendGrid">
/// The "SendGrid" configuration section: with an API key, emails go through the SendGrid adapter (pointed at a
/// stub or a sandbox by its <c>ApiBaseUrl</c>) instead of the dev outbox; the people still answer them.
/// </param>
public sealed record SimulationSettings(string ScenarioPath, string OutDirectory, string? ConnectionString, TimeSpan Timeout, bool ShowProgress, IConfigurationSection? SendGrid = null)
{
    /// <summary>True when emails go through SendGrid.</summary>
    public bool UsesSendGrid => !string.IsNullOrWhiteSpace(SendGrid?[nameof(SendGridOptions.ApiKey)]);
}

/// <summary>What a simulation produced.</summary>
/// <param name="Cycles">Seller cycles run.</param>
/// <param name="Failed">Cycles that did not complete, with the reason.</param>
/// <param name="TimelineEntries">Entries written to timeline.json.</param>
/// <param name="Emails">Emails in the outbox.</param>
/// <param name="Meetings">Meetings booked.</param>
/// <param name="Episodes">Orchestration episodes the engine committed (every step of every cycle).</param>
/// <param name="Activities">Activities the engine ran.</param>
/// <param name="EngineStorageRequests">Storage requests the engine sent (the adapters' own are not counted).</param>
/// <param name="WallTime">Wall time of the quarter (storage start excluded).</param>
/// <param name="VirtualDays">Virtual days the quarter covered.</param>
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
    long PeakWorkingSetBytes,
    string OutDirectory,
    IReadOnlyDictionary<string, int> Outcomes);
