using System.Diagnostics;

using Azure.Data.Tables;

using Microsoft.Extensions.DependencyInjection;

using ReviewFlow.Domain.People;
using ReviewFlow.Domain.Policy;
using ReviewFlow.Domain.Quarters;
using ReviewFlow.Durable;
using ReviewFlow.Durable.Time;
using ReviewFlow.Durable.Worker;
using ReviewFlow.Integrations;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Journal;
using ReviewFlow.Integrations.Links;
using ReviewFlow.Testing;
using ReviewFlow.Workflows.Cycle;
using ReviewFlow.Workflows.Team;

using Xunit;

namespace ReviewFlow.Workflows.Tests.Team;

/// <summary>
/// Kicking off a team's quarter is retried in real life (a timer fires twice, an operator re-runs the rollout):
/// every seller must still get exactly one cycle. Runs the real engine and workflows on Azurite in virtual time,
/// and stops as soon as the cycles have started (the quarter itself is not run).
/// </summary>
public sealed class TeamQuarterTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Quarter Quarter = new("2027-Q1", new DateOnly(2027, 1, 4), 4);

    private static readonly string[] SellerIds = ["priya", "tom"];

    [Fact]
    public async Task TeamQuarter_ScheduledTwiceAndRetriedUnderAnotherId_StartsEachSellerCycleOnce()
    {
        var team = Team();
        var input = new TeamQuarter(
            Quarter,
            ReviewPolicy.Default,
            team,
            team.Sellers.ToDictionary(s => s.Person.Id, IReadOnlyDictionary<string, double> (_) => new Dictionary<string, double> { ["revenue"] = 90000, ["newConversationsPerWeek"] = 10 }));
        var teamId = CycleIds.ForTeam(Quarter.Label, "mark");
        var retryId = teamId + "-retry";
        await using var host = await Host.StartAsync(azurite.ConnectionString);

        // The same kickoff twice, then a retried kickoff under a different team instance id.
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TeamQuarterOrchestrator), input, new StartOrchestrationOptions(teamId));
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TeamQuarterOrchestrator), input, new StartOrchestrationOptions(teamId));
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TeamQuarterOrchestrator), input, new StartOrchestrationOptions(retryId));

        var teamRun = await host.WaitAsync(teamId);
        var retryRun = await host.WaitAsync(retryId);
        var cycleIds = SellerIds.Select(s => CycleIds.ForSeller(Quarter.Label, s)).ToList();
        await host.WaitUntilAsync(async () =>
        {
            foreach (var id in cycleIds)
            {
                if (!(await host.Journal.ReadCycleAsync(id, CancellationToken.None)).Any(e => e.Type == "CycleStarted"))
                {
                    return false;
                }
            }

            return true;
        });
        await host.StopWorkerAsync();

        Assert.Equal(OrchestrationRuntimeStatus.Completed, teamRun.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, retryRun.RuntimeStatus);
        Assert.Equal(SellerIds.Length, teamRun.ReadOutputAs<int>());
        Assert.Equal(SellerIds.Length, retryRun.ReadOutputAs<int>());

        var cycles = await host.Client.QueryInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = CycleIds.CyclePrefix, PageSize = 100 });
        Assert.Equal(cycleIds, cycles.Instances.Select(i => i.InstanceId).Order(StringComparer.Ordinal));
        Assert.All(cycles.Instances, i => Assert.Equal(nameof(SellerCycleOrchestrator), i.Name));

        foreach (var (seller, id) in SellerIds.Zip(cycleIds))
        {
            var entries = await host.Journal.ReadCycleAsync(id, CancellationToken.None);
            var started = Assert.Single(entries, e => e.Type == "CycleStarted");
            Assert.Equal((seller, "2027-Q1"), (started.Seller, started.Data["quarter"]!.GetValue<string>()));
            Assert.Single(entries, e => e.Type == "ExpectationsRequested");
        }

        // One define request per seller reached the manager, not one per kickoff.
        var defineRequests = await host.OutboxAsync(EmailTemplates.DefineRequest);
        Assert.Equal(cycleIds, defineRequests.Select(r => r.InstanceId).Order(StringComparer.Ordinal));

        // Each kickoff is on record under its own id, and nothing else wrote a quarter start.
        var quarterStarts = new List<JournalEntry>();
        await foreach (var entry in host.Journal.ReadAllAsync(CycleIds.TeamPrefix, CancellationToken.None))
        {
            quarterStarts.Add(entry);
        }

        Assert.Equal(new[] { teamId, retryId }.Order(StringComparer.Ordinal), quarterStarts.Where(e => e.Type == "QuarterStarted").Select(e => e.CycleId).Order(StringComparer.Ordinal));
    }

    private static Domain.People.Team Team()
    {
        var london = WorkingHours.Default;
        return new Domain.People.Team(
            new Manager(new Person("mark", "Mark Whitaker", "mark@example.test", "Europe/London", london)),
            [
                new Seller(new Person("priya", "Priya Shah", "priya@example.test", "Europe/London", london), new DateOnly(2026, 10, 1)),
                new Seller(new Person("tom", "Tom Barker", "tom@example.test", "Europe/London", london), new DateOnly(2023, 3, 6)),
            ]);
    }

    /// <summary>The engine, the workflows and the dev adapters on a fresh task hub, in virtual time from the quarter's start.</summary>
    private sealed class Host : IAsyncDisposable
    {
        private readonly ServiceProvider _services;
        private readonly string _outboxDirectory;
        private bool _workerRunning = true;

        private Host(ServiceProvider services, string outboxDirectory)
        {
            _services = services;
            _outboxDirectory = outboxDirectory;
            Client = services.GetRequiredService<DurableTaskClient>();
            Worker = services.GetRequiredService<DurableTaskWorker>();
            Journal = services.GetRequiredService<ICycleJournal>();
        }

        public DurableTaskClient Client { get; }

        public DurableTaskWorker Worker { get; }

        public ICycleJournal Journal { get; }

        public static async Task<Host> StartAsync(string connectionString)
        {
            var taskHub = TaskHubNames.New("tq");
            var outbox = Path.Combine(Path.GetTempPath(), "reviewflow-workflows-tests", taskHub);
            var services = new ServiceCollection();
            services.AddSingleton<TimeProvider>(new VirtualClock(new DateTimeOffset(Quarter.Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));
            services.AddReviewFlowDevAdapters(connectionString, o =>
            {
                o.OutboxDirectory = outbox;
                o.TablePrefix = taskHub;
                o.JournalTableName = taskHub + "Journal";
            });
            services.AddReviewFlowActionLinks(new TableServiceClient(connectionString), taskHub + "UsedLinks", ActionLinkOptions.WithEphemeralKey("https://reviewflow.example.test"));
            services.AddReviewFlowDurable(
                storage =>
                {
                    storage.ConnectionString = connectionString;
                    storage.TaskHubName = taskHub;
                },
                tasks => tasks.AddReviewFlowWorkflows(),
                worker =>
                {
                    worker.MaxPollingInterval = TimeSpan.FromMilliseconds(100);
                    worker.TimerPollingInterval = TimeSpan.FromMilliseconds(100);
                });
            var provider = services.BuildServiceProvider();
            var host = new Host(provider, outbox);
            await host.Client.CreateTaskHubAsync();
            await provider.GetRequiredService<DevAdapterStores>().EnsureCreatedAsync();
            await host.Worker.StartAsync(CancellationToken.None);
            return host;
        }

        public async Task<OrchestrationMetadata> WaitAsync(string instanceId, int seconds = 60)
        {
            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            try
            {
                return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, guard.Token);
            }
            catch (OperationCanceledException)
            {
                var metadata = await Client.GetInstanceAsync(instanceId);
                throw new TimeoutException($"Instance {instanceId} did not finish within {seconds}s; it is {metadata?.RuntimeStatus.ToString() ?? "missing"}.");
            }
        }

        public async Task WaitUntilAsync(Func<Task<bool>> condition, int seconds = 60)
        {
            var watch = Stopwatch.StartNew();
            while (!await condition())
            {
                if (watch.Elapsed > TimeSpan.FromSeconds(seconds))
                {
                    throw new TimeoutException($"The seller cycles did not start within {seconds}s.");
                }

                await Task.Delay(100);
            }
        }

        public async Task<List<OutboxRecord>> OutboxAsync(string template)
        {
            var records = new List<OutboxRecord>();
            await foreach (var record in _services.GetRequiredService<DevOutbox>().ListAsync(CancellationToken.None))
            {
                if (record.Template == template)
                {
                    records.Add(record);
                }
            }

            return records;
        }

        public async Task StopWorkerAsync()
        {
            if (_workerRunning)
            {
                _workerRunning = false;
                await Worker.StopAsync(CancellationToken.None);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await StopWorkerAsync();
            try
            {
                await Client.DeleteTaskHubAsync();
            }
            catch (Azure.RequestFailedException)
            {
                // Best effort: the hub is unique to this test.
            }

            await _services.DisposeAsync();
            try
            {
                if (Directory.Exists(_outboxDirectory))
                {
                    Directory.Delete(_outboxDirectory, recursive: true);
                }
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }
}
