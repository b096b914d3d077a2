using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ReviewFlow.DevStorage;
using ReviewFlow.Durable;
using ReviewFlow.Durable.Storage;
using ReviewFlow.Durable.Time;
using ReviewFlow.Durable.Worker;
using ReviewFlow.Functions.Simulation.Report;
using ReviewFlow.Integrations;
using ReviewFlow.Integrations.Calendar;
using ReviewFlow.Integrations.Calendar.Graph;
using ReviewFlow.Integrations.Email.SendGrid;
using ReviewFlow.Integrations.Journal;
using ReviewFlow.Workflows.Cycle;
using ReviewFlow.Workflows.Team;

namespace ReviewFlow.Functions.Simulation;

/// <summary>
/// Runs a scenario's quarter in virtual time against real storage with the real workflows, then writes the
/// timeline, the report, the outbox and the calendar. The scenario is validated before anything starts.
/// </summary>
/// <remarks>
/// With Graph configured (<see cref="SimulationSettings.UsesGraph"/>) the meetings live in Graph, not in the dev
/// calendar: the scenario's busy blocks are put in each person's Graph calendar before the quarter starts, no
/// calendar/ folder is written, and meetings are counted from the timeline as always.
/// </remarks>
public sealed class SimulationRunner(SimulationSettings settings, ISimulationProgress progress)
{
    /// <summary>Loads the scenario (throws <c>ScenarioException</c> when invalid, before anything is written) and runs it.</summary>
    public async Task<SimulationResult> RunAsync(CancellationToken cancellationToken)
    {
        var scenario = Scenario.ScenarioLoader.Load(settings.ScenarioPath);
        settings.ValidateGraph();

        using var output = OutputDirectory.Prepare(settings.OutDirectory);
        AzuriteServer? azurite = null;
        try
        {
            var connectionString = settings.ConnectionString;
            if (connectionString is null)
            {
                azurite = await progress.StartingStorageAsync(() => AzuriteServer.StartAsync(
                    new AzuriteOptions { MaxHeapMegabytes = StorageHeap.MegabytesFor(scenario.AllSellers.Count()) }, cancellationToken));
                connectionString = azurite.ConnectionString;
            }

            var result = await RunQuarterAsync(scenario, connectionString, output, cancellationToken);
            output.Commit();
            return result;
        }
        finally
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }
        }
    }

    private async Task<SimulationResult> RunQuarterAsync(Scenario.Scenario scenario, string connectionString, OutputDirectory output, CancellationToken cancellationToken)
    {
        var quarter = scenario.Quarter;
        var quarterStart = new DateTimeOffset(quarter.Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var clock = new VirtualClock(quarterStart);

        // A fresh hub per run: runs against shared storage never see each other's instances or tables.
        var taskHub = "sim" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..10];
        await using var services = SimulationServices.Build(scenario, connectionString, taskHub, Path.Combine(output.Staging, "outbox"), clock, settings.SendGrid, settings.Graph);
        var client = services.GetRequiredService<DurableTaskClient>();
        var worker = services.GetRequiredService<DurableTaskWorker>();
        var calendar = services.GetRequiredService<DevCalendar>();
        var journal = services.GetRequiredService<TableCycleJournal>();
        await client.CreateTaskHubAsync(cancellationToken);
        await services.GetRequiredService<DevAdapterStores>().EnsureCreatedAsync(cancellationToken);
        if (settings.UsesSendGrid)
        {
            await services.GetRequiredService<SendGridEmailSender>().EnsureCreatedAsync(cancellationToken);
        }
        if (settings.UsesGraph)
        {
            await SeedGraphCalendarsAsync(scenario, services.GetRequiredService<GraphCalendar>(), cancellationToken);
        }
        else
        {
            await SeedCalendarsAsync(scenario, calendar, cancellationToken);
        }

        var wall = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        await worker.StartAsync(timeout.Token);
        List<string> failed;
        try
        {
            await StartQuarterAsync(scenario, client, timeout.Token);
            failed = await WatchAsync(scenario, client, clock, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The simulation did not finish within {settings.Timeout} (virtual time reached {clock.GetUtcNow():yyyy-MM-dd HH:mm}).");
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }

        wall.Stop();
        var timeline = await ReadTimelineAsync(journal, cancellationToken);
        await TimelineFile.WriteAsync(Path.Combine(output.Staging, "timeline.json"), timeline, cancellationToken);
        if (!settings.UsesGraph)
        {
            // With Graph the dev calendar is empty: an export would only suggest there were no meetings.
            await calendar.ExportIcsAsync(Path.Combine(output.Staging, "calendar"), cancellationToken);
        }

        var emails = timeline.Count(e => e.Type == "EmailSent");
        var meetings = timeline.Count(e => e.Type == "ReviewBooked");
        var cycles = scenario.AllSellers.Count();
        var html = ReportWriter.Write(new ReportInput(
            scenario.Description ?? Path.GetFileNameWithoutExtension(settings.ScenarioPath),
            quarter.Label,
            quarter.Weeks,
            timeline,
            new ReportRun(wall.Elapsed, cycles, emails, meetings),
            new ReportThresholds(scenario.Policy.BelowPlanRatio, scenario.Policy.AbovePlanRatio)));
        await File.WriteAllTextAsync(Path.Combine(output.Staging, "report.html"), html, cancellationToken);

        using var self = Process.GetCurrentProcess();
        return new SimulationResult(
            cycles,
            failed,
            timeline.Count,
            emails,
            meetings,
            services.GetRequiredService<EngineCounters>().Episodes,
            services.GetRequiredService<EngineCounters>().Activities,
            services.GetRequiredService<StorageOperationCounter>().Count,
            wall.Elapsed,
            (clock.GetUtcNow() - quarterStart).TotalDays,
            clock.Steps,
            self.PeakWorkingSet64,
            output.Target,
            timeline.GroupBy(e => e.Type, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
    }

    private static async Task SeedCalendarsAsync(Scenario.Scenario scenario, DevCalendar calendar, CancellationToken cancellationToken)
    {
        foreach (var team in scenario.Teams)
        {
            foreach (var busy in team.ManagerBusy)
            {
                await calendar.AddBusyAsync(team.Manager.Person.Email, busy, "Busy", cancellationToken);
            }

            foreach (var seller in team.Sellers)
            {
                foreach (var busy in seller.Busy)
                {
                    await calendar.AddBusyAsync(seller.Seller.Person.Email, busy, "Busy", cancellationToken);
                }
            }
        }
    }

    /// <summary>
    /// The scenario's busy blocks as busy events in each person's own Graph calendar (no attendees, so no
    /// invitations), where <c>getSchedule</c> reports them to the slot finder. The transaction id comes from the
    /// mailbox and the times, so a run repeated against the same mailboxes adds no second copy.
    /// </summary>
    private static async Task SeedGraphCalendarsAsync(Scenario.Scenario scenario, GraphCalendar calendar, CancellationToken cancellationToken)
    {
        var blocks = scenario.Teams.SelectMany(team =>
            team.ManagerBusy.Select(busy => (team.Manager.Person.Email, Busy: busy))
                .Concat(team.Sellers.SelectMany(seller => seller.Busy.Select(busy => (seller.Seller.Person.Email, Busy: busy)))));
        foreach (var (email, busy) in blocks)
        {
            var key = FormattableString.Invariant($"simulation-busy|{email.ToLowerInvariant()}|{busy.Start:O}|{busy.End:O}");
            await calendar.AddBusyAsync(email, busy, "Busy", key, cancellationToken);
        }
    }

    private static async Task StartQuarterAsync(Scenario.Scenario scenario, DurableTaskClient client, CancellationToken cancellationToken)
    {
        foreach (var team in scenario.Teams)
        {
            var domainTeam = new Domain.People.Team(team.Manager, [.. team.Sellers.Select(s => s.Seller)]);
            var templates = team.Sellers.ToDictionary(s => s.Seller.Person.Id, s => s.Proposed);
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(TeamQuarterOrchestrator),
                new TeamQuarter(scenario.Quarter, scenario.Policy, domainTeam, templates),
                new StartOrchestrationOptions(CycleIds.ForTeam(scenario.Quarter.Label, team.Manager.Person.Id)),
                cancellationToken);
        }
    }

    private async Task<List<string>> WatchAsync(Scenario.Scenario scenario, DurableTaskClient client, VirtualClock clock, CancellationToken cancellationToken)
    {
        var total = scenario.AllSellers.Count();
        var prefix = CycleIds.ForSeller(scenario.Quarter.Label, string.Empty);
        var finished = new List<OrchestrationMetadata>();
        await progress.RunQuarterAsync(total, async report =>
        {
            while (true)
            {
                finished = await QueryFinishedAsync(client, prefix, cancellationToken);
                report(finished.Count, clock.GetUtcNow());
                if (finished.Count >= total)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(total > 100 ? 1000 : 200), cancellationToken);
            }
        });
        return [.. finished
            .Where(m => m.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            .Select(m => $"{m.InstanceId}: {m.RuntimeStatus} {m.FailureDetails?.ErrorMessage}")];
    }

    private static async Task<List<OrchestrationMetadata>> QueryFinishedAsync(DurableTaskClient client, string prefix, CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery
        {
            InstanceIdPrefix = prefix,
            Statuses = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated],
            PageSize = 1000,
        };
        return await client.GetAllInstancesAsync(query, cancellationToken).ToListAsync(cancellationToken);
    }

    private static async Task<List<JournalEntry>> ReadTimelineAsync(ICycleJournal journal, CancellationToken cancellationToken)
    {
        var entries = new List<JournalEntry>();
        foreach (var prefix in new[] { CycleIds.TeamPrefix, CycleIds.CyclePrefix })
        {
            await foreach (var entry in journal.ReadAllAsync(prefix, cancellationToken))
            {
                entries.Add(entry);
            }
        }

        return [.. entries.OrderBy(e => e.At).ThenBy(e => e.CycleId, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal)];
    }
}
