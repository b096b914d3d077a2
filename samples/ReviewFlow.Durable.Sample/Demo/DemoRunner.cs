using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReviewFlow.DevStorage;
using ReviewFlow.Durable.Storage;
using ReviewFlow.Durable.Time;
using ReviewFlow.Durable.Worker;
using Spectre.Console;

namespace ReviewFlow.Durable.Sample.Demo;

/// <summary>Starts Azurite, runs every seller's quarter in virtual time, and prints what happened.</summary>
public sealed class DemoRunner(int sellerCount, int weeks, bool keepAzurite)
{
    private static readonly DateTimeOffset QuarterStart = new(2027, 1, 4, 8, 0, 0, TimeSpan.Zero);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var wall = Stopwatch.StartNew();
        AnsiConsole.MarkupLine($"[bold]ReviewFlow engine demo[/]: {sellerCount} seller(s), a {weeks}-week quarter from {QuarterStart:yyyy-MM-dd}, in virtual time.");
        await using var azurite = await AnsiConsole.Status().StartAsync("Starting Azurite (installs it with npm ci on first run)...", _ => AzuriteServer.StartAsync(cancellationToken: cancellationToken));
        AnsiConsole.MarkupLine($"Azurite is up on ports {azurite.BlobPort}/{azurite.QueuePort}/{azurite.TablePort} (pid {azurite.ProcessId}).");

        var clock = new VirtualClock(QuarterStart);
        var outbox = new DemoOutbox();
        await using var services = BuildServices(azurite.ConnectionString, clock, outbox);
        var client = services.GetRequiredService<DurableTaskClient>();
        var worker = services.GetRequiredService<DurableTaskWorker>();
        await client.CreateTaskHubAsync(cancellationToken);
        await worker.StartAsync(cancellationToken);

        var team = DemoTeam.Create(sellerCount);
        var cycleIds = await ScheduleAsync(client, team, cancellationToken);
        var summaries = await WatchAsync(client, clock, cycleIds, cancellationToken);
        await worker.StopAsync(CancellationToken.None);

        PrintSummary(summaries, outbox, clock, wall.Elapsed, services.GetRequiredService<StorageOperationCounter>().Count);
        if (keepAzurite)
        {
            AnsiConsole.MarkupLine($"Azurite keeps running. Connection string:{Environment.NewLine}[grey]{Markup.Escape(azurite.ConnectionString)}[/]{Environment.NewLine}Press Ctrl+C to stop.");
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        return summaries.Count == cycleIds.Count ? 0 : 1;
    }

    private static ServiceProvider BuildServices(string connectionString, VirtualClock clock, DemoOutbox outbox)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(outbox);
        services.AddReviewFlowDurable(
            storage =>
            {
                storage.ConnectionString = connectionString;
                storage.TaskHubName = "demo";
            },
            tasks => tasks
                .AddOrchestrator<QuarterRhythmOrchestrator>()
                .AddOrchestrator<SimulatedSellerOrchestrator>()
                .AddActivity<SendDemoMessage>()
                .AddActivity<RaiseAgreement>());
        return services.BuildServiceProvider();
    }

    private async Task<List<string>> ScheduleAsync(DurableTaskClient client, IReadOnlyList<DemoSeller> team, CancellationToken cancellationToken)
    {
        var start = QuarterStart.UtcDateTime;
        var cycles = new List<string>();
        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(team.Select(async seller =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                // Deterministic ids: scheduling the quarter twice starts nothing new.
                var cycleId = $"cycle-2027-Q1-{seller.Id}";
                await client.ScheduleNewOrchestrationInstanceAsync(
                    nameof(QuarterRhythmOrchestrator),
                    new QuarterRhythm(seller, start, weeks, 0, 0, false, null),
                    new StartOrchestrationOptions(cycleId),
                    cancellationToken);
                if (seller.AgreesAfterHours is { } hours)
                {
                    await client.ScheduleNewOrchestrationInstanceAsync(
                        nameof(SimulatedSellerOrchestrator),
                        new SimulatedAgreement(cycleId, hours),
                        new StartOrchestrationOptions($"seller-2027-Q1-{seller.Id}"),
                        cancellationToken);
                }

                lock (cycles)
                {
                    cycles.Add(cycleId);
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        return cycles;
    }

    private static async Task<List<OrchestrationMetadata>> WatchAsync(DurableTaskClient client, VirtualClock clock, List<string> cycleIds, CancellationToken cancellationToken)
    {
        var finished = new List<OrchestrationMetadata>();
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("Quarter", maxValue: cycleIds.Count);
                while (!cancellationToken.IsCancellationRequested)
                {
                    var done = await QueryCompletedAsync(client, cancellationToken);
                    task.Value = done.Count;
                    task.Description = $"Virtual time {clock.GetUtcNow():yyyy-MM-dd HH:mm}  cycles finished {done.Count}/{cycleIds.Count}";
                    if (done.Count >= cycleIds.Count)
                    {
                        finished = done;
                        return;
                    }

                    await Task.Delay(250, cancellationToken);
                }
            });

        var withOutputs = await Task.WhenAll(finished.Select(m => client.GetInstanceAsync(m.InstanceId, getInputsAndOutputs: true, cancellationToken)));
        return [.. withOutputs.OfType<OrchestrationMetadata>()];
    }

    private static async Task<List<OrchestrationMetadata>> QueryCompletedAsync(DurableTaskClient client, CancellationToken cancellationToken)
        => await client.GetAllInstancesAsync(
            new OrchestrationQuery { InstanceIdPrefix = "cycle-", Statuses = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed], PageSize = 1000 },
            cancellationToken).ToListAsync(cancellationToken);

    private static void PrintSummary(List<OrchestrationMetadata> cycles, DemoOutbox outbox, VirtualClock clock, TimeSpan wall, long storageOperations)
    {
        var table = new Table().Title("Quarter 2027-Q1").AddColumns("Seller", "Cadence", "Agreed", "Reminders", "Escalated", "Reviews", "Status");
        foreach (var cycle in cycles.OrderBy(c => c.InstanceId, StringComparer.Ordinal).Take(20))
        {
            var summary = cycle.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? cycle.ReadOutputAs<QuarterSummary>() : null;
            table.AddRow(
                Markup.Escape(summary?.Seller ?? cycle.InstanceId),
                summary?.Cadence ?? "-",
                summary?.AgreedAt?.ToString("ddd dd MMM HH:mm", CultureInfo.InvariantCulture) ?? "[yellow]not agreed[/]",
                (summary?.Reminders ?? 0).ToString(CultureInfo.InvariantCulture),
                summary?.Escalated == true ? "[yellow]yes[/]" : "no",
                (summary?.ReviewsHeld ?? 0).ToString(CultureInfo.InvariantCulture),
                cycle.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? "[green]Completed[/]" : $"[red]{cycle.RuntimeStatus}: {Markup.Escape(cycle.FailureDetails?.ErrorMessage ?? string.Empty)}[/]");
        }

        AnsiConsole.Write(table);
        if (cycles.Count > 20)
        {
            AnsiConsole.MarkupLine($"[grey]... and {cycles.Count - 20} more.[/]");
        }

        var virtualDays = (clock.GetUtcNow() - QuarterStart).TotalDays;
        AnsiConsole.MarkupLine(
            $"{cycles.Count} cycle(s) finished, {outbox.Sent.Count} message(s) sent once each; {virtualDays:F0} virtual days in {wall.TotalSeconds:F1} s of wall time; {storageOperations} storage operations.");
    }
}
