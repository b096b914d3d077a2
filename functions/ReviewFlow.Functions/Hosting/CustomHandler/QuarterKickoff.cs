using Microsoft.Extensions.Logging;
using ReviewFlow.Domain.People;
using ReviewFlow.Domain.Policy;
using ReviewFlow.Domain.Quarters;
using ReviewFlow.Durable;
using ReviewFlow.Functions.Management;
using ReviewFlow.Workflows.Team;

namespace ReviewFlow.Functions.Hosting.CustomHandler;

/// <summary>
/// The quarter-kickoff timer: when the fiscal calendar says a quarter started today, starts it for every team of
/// the roster, one <see cref="TeamQuarterOrchestrator"/> per team under its deterministic id (as
/// <c>POST /api/quarters</c> does), so a second firing starts nothing new.
/// </summary>
internal sealed partial class QuarterKickoff(
    DurableTaskClient client,
    RosterStore roster,
    ReviewPolicy policy,
    ServiceOptions options,
    TimeProvider clock,
    ILogger<QuarterKickoff> logger)
{
    /// <summary>
    /// Days after a quarter's start on which the timer still kicks it off: a firing missed while the app was down
    /// or the schedule was off is caught up, and starting twice is harmless.
    /// </summary>
    public const int CatchUpDays = 7;

    /// <summary>Starts the quarter that began today (or up to <see cref="CatchUpDays"/> ago) for every team; returns what it did, for the invocation's logs.</summary>
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken)
    {
        var calendar = new FiscalCalendar(options.FiscalYearFirstMonth, options.QuarterStartsOn);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var quarter = calendar.QuarterContaining(today);
        var daysIn = today.DayNumber - quarter.Start.DayNumber;
        if (daysIn is < 0 or >= CatchUpDays)
        {
            return [$"No quarter starts today ({today:yyyy-MM-dd}); {quarter.Label} started {quarter.Start:yyyy-MM-dd}."];
        }

        var (current, _) = await roster.ReadAsync(cancellationToken);
        if (current.Managers.Count == 0)
        {
            LogEmptyRoster(quarter.Label);
            return [$"{quarter.Label} starts {quarter.Start:yyyy-MM-dd}, but the roster is empty: nothing started. Import it (PUT /api/roster), then start the quarter (POST /api/quarters)."];
        }

        var logs = new List<string>();
        foreach (var manager in current.Managers)
        {
            logs.Add(await StartTeamAsync(current, manager, quarter, cancellationToken));
        }

        return logs;
    }

    private async Task<string> StartTeamAsync(Roster current, Manager manager, Quarter quarter, CancellationToken cancellationToken)
    {
        var managerId = manager.Person.Id;
        var started = await TeamQuarterStarter.StartAsync(client, current, manager, quarter, policy, cancellationToken);
        switch (started.Status)
        {
            case TeamStarted.NoSellers:
                return $"{quarter.Label} team {managerId}: no sellers, nothing started.";
            case TeamStarted.AlreadyStarted:
                return $"{quarter.Label} team {managerId}: already started.";
            default:
                LogStarted(quarter.Label, managerId, started.Cycles.Count);
                return $"{quarter.Label} team {managerId}: started ({started.Cycles.Count} seller(s)).";
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quarter {Quarter} starts, but the roster is empty: nothing was started")]
    private partial void LogEmptyRoster(string quarter);

    [LoggerMessage(Level = LogLevel.Information, Message = "Quarter {Quarter} started for team {Team} ({Sellers} sellers)")]
    private partial void LogStarted(string quarter, string team, int sellers);
}
