using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using ReviewFlow.Durable.Sample.CrashTest;
using ReviewFlow.Durable.Storage;
using ReviewFlow.Durable.Tests.Support;
using ReviewFlow.Testing;
using Xunit;
using Xunit.Abstractions;

namespace ReviewFlow.Durable.Tests.Worker;

/// <summary>
/// Spec semantic #9, crash safety: a separate worker process killed with SIGKILL at random points while
/// running many orchestrations loses nothing. After a restart every instance completes, and every activity's
/// side effect (recorded by idempotency key) happened exactly once.
/// </summary>
public sealed class CrashSafetyTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private const int InstanceCount = 50;
    private const int KillCount = 5;
    private const int MinRunMilliseconds = 500;
    private const int MaxRunMilliseconds = 2500;

    // Short so the dead workers' messages come back within the test's budget; the point is redelivery, not its delay.
    private const int VisibilityTimeoutSeconds = 5;

    // Throughput is capped on purpose so that every kill is guaranteed to interrupt work, on any machine: the
    // workload needs InstanceCount x ActivitiesPerInstance x WorkAfterEffect / ActivitySlots = 15 s of activity
    // time, while all kill-phase runs together last at most KillCount x MaxRun = 12.5 s. A slower machine only
    // leaves more unfinished. The work happens after each effect, so most kills land between an effect and
    // its report: the window exactly-once has to survive.
    private const int ActivitySlots = 8;
    private const int WorkAfterEffectMilliseconds = 300;

    // The engine counts deliveries lost to a crash towards the poison limit (5 by default). Five kills in
    // about 15 s are far denser than real crashes and, on a slow CI machine, could push a message past it;
    // poison handling is not what this test is about, so the limit is raised. Nothing may be dead-lettered.
    private const int MaxDequeueCount = 20;

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    // A failure guard only: on this 2-core machine the final worker finishes in about 20 s.
    private static readonly TimeSpan CompletionBound = TimeSpan.FromMinutes(3);

    // Messages a killed worker held reappear one visibility timeout after it received them.
    private static readonly TimeSpan DrainBound = TimeSpan.FromSeconds(VisibilityTimeoutSeconds * 6);

    /// <param name="ownsTaskHub">
    /// Each worker runs as the task hub's only process: timers in memory only and delivered locally, activities with
    /// no guard message, so what each kill leaves undone comes back only through the next worker's start-up recovery.
    /// </param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WorkerKilledRepeatedly_AllInstancesComplete_EachEffectExactlyOnce(bool ownsTaskHub)
    {
        // Set CRASH_TEST_SEED to replay a failing run's kill timings and inputs.
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CRASH_TEST_SEED"), CultureInfo.InvariantCulture, out var fixedSeed)
            ? fixedSeed
            : Random.Shared.Next();
        output.WriteLine($"seed={seed} (rerun with CRASH_TEST_SEED={seed})");
        var random = new Random(seed);
        var elapsed = Stopwatch.StartNew();
        Assert.True(
            InstanceCount * CrashTestMath.ActivitiesPerInstance * WorkAfterEffectMilliseconds > 1.1 * ActivitySlots * KillCount * MaxRunMilliseconds,
            "The workload must clearly outlast the kill phase, or a kill could find nothing left to interrupt.");

        await using var crashHub = await CrashHub.CreateAsync(azurite.ConnectionString, azurite.NewTaskHub());
        var (hub, ledger, client, storage) = (crashHub.Name, crashHub.Ledger, crashHub.Client, crashHub.Storage);
        var inputs = await ScheduleInstancesAsync(client, "crash", random);

        var workerOutput = new OutputTail(capacity: 60);
        string[] workerArguments =
        [
            "--connection-string", azurite.ConnectionString,
            "--task-hub", hub,
            "--visibility-timeout-seconds", VisibilityTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
            "--max-concurrent-activities", ActivitySlots.ToString(CultureInfo.InvariantCulture),
            "--work-after-effect-ms", WorkAfterEffectMilliseconds.ToString(CultureInfo.InvariantCulture),
            "--max-dequeue-count", MaxDequeueCount.ToString(CultureInfo.InvariantCulture),
            "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            .. ownsTaskHub ? ["--owns-task-hub"] : Array.Empty<string>(),
        ];
        var workers = new List<WorkerProcess>();
        var kills = new List<KillRecord>();
        try
        {
            for (var kill = 1; kill <= KillCount; kill++)
            {
                var worker = WorkerProcess.Start($"w{kill}", workerArguments, workerOutput);
                workers.Add(worker);
                await worker.WaitReadyAsync(ReadyTimeout);
                output.WriteLine($"worker {worker.Name} (pid {worker.Id}) ready; t={elapsed.Elapsed.TotalSeconds:F1}s");

                // Timed from "ready", not from process start, so the kill lands while the worker is polling and working.
                var runFor = TimeSpan.FromMilliseconds(random.Next(MinRunMilliseconds, MaxRunMilliseconds + 1));
                await Task.Delay(runFor);
                var exitedEarly = worker.HasExited;
                await worker.KillAsync();

                // No worker is running now, so this is exactly the state the kill left behind.
                var completed = await CountCompletedAsync(client);
                kills.Add(new KillRecord(kill, worker.Id, runFor, InstanceCount - completed, exitedEarly));
                output.WriteLine($"kill {kill}: pid {worker.Id} after {runFor.TotalMilliseconds:F0} ms; {InstanceCount - completed} instance(s) incomplete; t={elapsed.Elapsed.TotalSeconds:F1}s");
            }

            Assert.True(
                kills.All(k => !k.ExitedEarly),
                $"A worker exited on its own before it was killed: {string.Join(", ", kills.Where(k => k.ExitedEarly))}.{Environment.NewLine}{workerOutput.Format()}");
            Assert.True(
                kills.All(k => k.IncompleteAtKill > 0),
                "Every kill must interrupt unfinished work, or the test proves nothing; kills: "
                + $"{string.Join(", ", kills.Select(k => $"#{k.Number}: {k.IncompleteAtKill} incomplete"))}. Seed {seed}.");

            var final = WorkerProcess.Start("final", workerArguments, workerOutput);
            workers.Add(final);
            await final.WaitReadyAsync(ReadyTimeout);
            var finalStarted = elapsed.Elapsed;
            var instances = await WaitForAllTerminalAsync(client, workerOutput, seed);
            output.WriteLine($"all {InstanceCount} instances terminal {(elapsed.Elapsed - finalStarted).TotalSeconds:F1}s after the final worker started; t={elapsed.Elapsed.TotalSeconds:F1}s");

            // Redeliveries of work the dead workers held can still arrive after the last instance completed;
            // wait them out so the effect and attempt counts below are final.
            await WaitForQueuesDrainedAsync(storage, workerOutput, seed);
            output.WriteLine($"queues drained; t={elapsed.Elapsed.TotalSeconds:F1}s");

            AssertEveryInstanceCompletedWithChecksum(instances, inputs, workerOutput, seed);
            var effects = await ReadAllAsync(ledger.Effects);
            AssertEachEffectExactlyOnce(effects, inputs, workerOutput, seed);
            var attempts = await ReadAllAsync(ledger.Attempts);
            ReportAttempts(attempts, effects, workerOutput, seed);

            var poisoned = (await storage.Poison.GetPropertiesAsync()).Value.ApproximateMessagesCount;
            Assert.True(poisoned == 0, $"{poisoned} message(s) were dead-lettered. Seed {seed}.{Environment.NewLine}{workerOutput.Format()}");
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }

            await DeleteBestEffortAsync(client, ledger);
            output.WriteLine($"total {elapsed.Elapsed.TotalSeconds:F1}s");
        }
    }

    /// <summary>
    /// Two worker processes on one task hub at the same time: instances hop between them, so each worker's
    /// cached state is regularly stale. Nothing may be lost or applied twice.
    /// </summary>
    [Fact]
    public async Task TwoWorkerProcessesAtOnce_AllInstancesComplete_EachEffectExactlyOnce()
    {
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        await using var crashHub = await CrashHub.CreateAsync(azurite.ConnectionString, azurite.NewTaskHub());
        var (hub, ledger, client, storage) = (crashHub.Name, crashHub.Ledger, crashHub.Client, crashHub.Storage);
        var inputs = await ScheduleInstancesAsync(client, "pair", random);

        var workerOutput = new OutputTail(capacity: 60);
        string[] workerArguments =
        [
            "--connection-string", azurite.ConnectionString,
            "--task-hub", hub,
            "--visibility-timeout-seconds", "60",
            "--work-after-effect-ms", "0",
            "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
        ];
        var workers = new List<WorkerProcess>();
        try
        {
            workers.Add(WorkerProcess.Start("a", workerArguments, workerOutput));
            workers.Add(WorkerProcess.Start("b", workerArguments, workerOutput));
            await Task.WhenAll(workers.Select(w => w.WaitReadyAsync(ReadyTimeout)));

            var instances = await WaitForAllTerminalAsync(client, workerOutput, seed);
            await WaitForQueuesDrainedAsync(storage, workerOutput, seed);

            AssertEveryInstanceCompletedWithChecksum(instances, inputs, workerOutput, seed);
            AssertEachEffectExactlyOnce(await ReadAllAsync(ledger.Effects), inputs, workerOutput, seed);
            Assert.True(workers.All(w => !w.HasExited), $"A worker died on its own.{Environment.NewLine}{workerOutput.Format()}");
            var poisoned = (await storage.Poison.GetPropertiesAsync()).Value.ApproximateMessagesCount;
            Assert.True(poisoned == 0, $"{poisoned} message(s) were dead-lettered.{Environment.NewLine}{workerOutput.Format()}");
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }

            await DeleteBestEffortAsync(client, ledger);
        }
    }

    /// <summary>Schedules <see cref="InstanceCount"/> crash-test instances with random inputs; returns input by instance id.</summary>
    private static async Task<Dictionary<string, long>> ScheduleInstancesAsync(DurableTaskClient client, string idPrefix, Random random)
    {
        var inputs = Enumerable.Range(0, InstanceCount).ToDictionary(i => $"{idPrefix}-{i:D3}", _ => random.NextInt64());
        await Task.WhenAll(inputs.Select(pair => client.ScheduleNewOrchestrationInstanceAsync(
            CrashTestTasks.OrchestratorName, pair.Value, new StartOrchestrationOptions(InstanceId: pair.Key))));
        return inputs;
    }

    /// <summary>
    /// A fresh task hub with the crash-test ledger tables, and a client on it. The client runs no tasks, so its
    /// registry stays empty: it schedules by name.
    /// </summary>
    private sealed class CrashHub(string name, ServiceProvider services, CrashTestLedger ledger) : IAsyncDisposable
    {
        public string Name => name;

        public CrashTestLedger Ledger => ledger;

        public DurableTaskClient Client => services.GetRequiredService<DurableTaskClient>();

        public TaskHubStorage Storage => services.GetRequiredService<TaskHubStorage>();

        public static async Task<CrashHub> CreateAsync(string connectionString, string hub)
        {
            var collection = new ServiceCollection();
            collection.AddReviewFlowDurable(
                storage =>
                {
                    storage.ConnectionString = connectionString;
                    storage.TaskHubName = hub;
                },
                _ => { });
            var crashHub = new CrashHub(hub, collection.BuildServiceProvider(), new CrashTestLedger(connectionString, hub, TimeSpan.Zero));
            await crashHub.Client.CreateTaskHubAsync();
            await crashHub.Ledger.CreateTablesAsync(CancellationToken.None);
            return crashHub;
        }

        public ValueTask DisposeAsync() => services.DisposeAsync();
    }

    private static async Task<int> CountCompletedAsync(DurableTaskClient client)
        => (await QueryAllAsync(client, [OrchestrationRuntimeStatus.Completed])).Count;

    private static async Task<List<OrchestrationMetadata>> QueryAllAsync(DurableTaskClient client, IReadOnlyCollection<OrchestrationRuntimeStatus>? statuses = null)
        => await client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = statuses, PageSize = 1000 }).ToListAsync();

    /// <summary>Polls until every instance is Completed, Failed or Terminated; returns them with outputs.</summary>
    private static async Task<List<OrchestrationMetadata>> WaitForAllTerminalAsync(DurableTaskClient client, OutputTail workerOutput, int seed)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var instances = await QueryAllAsync(client);
            var open = instances.Where(i => !i.IsCompleted).ToList();
            if (instances.Count == InstanceCount && open.Count == 0)
            {
                // The query leaves outputs out; read each instance with its output.
                var withOutputs = await Task.WhenAll(instances.Select(i => client.GetInstanceAsync(i.InstanceId, getInputsAndOutputs: true)));
                return [.. withOutputs.Select(i => i!)];
            }

            if (waited.Elapsed > CompletionBound)
            {
                var byStatus = string.Join(", ", open.GroupBy(i => i.RuntimeStatus).Select(g => $"{g.Key}: {g.Count()}"));
                Assert.Fail(
                    $"{open.Count + (InstanceCount - instances.Count)} of {InstanceCount} instances did not finish within {CompletionBound.TotalSeconds:F0}s "
                    + $"after the final worker started ({byStatus}; e.g. {string.Join(", ", open.Take(5).Select(i => i.InstanceId))}). Seed {seed}."
                    + $"{Environment.NewLine}Worker output:{Environment.NewLine}{workerOutput.Format()}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Waits until the control and work-item queues are empty (their counts include hidden messages).</summary>
    private static async Task WaitForQueuesDrainedAsync(TaskHubStorage storage, OutputTail workerOutput, int seed)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var queues = storage.ControlQueues.Append(storage.WorkItems).ToList();
            var counts = await Task.WhenAll(queues.Select(async q => (q.Name, (await q.GetPropertiesAsync()).Value.ApproximateMessagesCount)));
            if (counts.All(c => c.ApproximateMessagesCount == 0))
            {
                return;
            }

            if (waited.Elapsed > DrainBound)
            {
                Assert.Fail(
                    $"Queues still hold messages {DrainBound.TotalSeconds:F0}s after every instance finished: "
                    + $"{string.Join(", ", counts.Where(c => c.ApproximateMessagesCount > 0).Select(c => $"{c.Name}={c.ApproximateMessagesCount}"))}. Seed {seed}."
                    + $"{Environment.NewLine}Worker output:{Environment.NewLine}{workerOutput.Format()}");
            }

            await Task.Delay(250);
        }
    }

    private static void AssertEveryInstanceCompletedWithChecksum(
        List<OrchestrationMetadata> instances, Dictionary<string, long> inputs, OutputTail workerOutput, int seed)
    {
        var problems = new List<string>();
        foreach (var (instanceId, input) in inputs)
        {
            var instance = instances.SingleOrDefault(i => i.InstanceId == instanceId);
            var expected = CrashTestMath.ExpectedChecksum(input);
            if (instance is null)
            {
                problems.Add($"{instanceId}: missing");
            }
            else if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                problems.Add($"{instanceId}: {instance.RuntimeStatus} ({instance.FailureDetails})");
            }
            else if (instance.ReadOutputAs<long>() != expected)
            {
                problems.Add($"{instanceId}: output {instance.SerializedOutput}, expected {expected}");
            }
        }

        Assert.True(
            problems.Count == 0,
            $"{problems.Count} of {InstanceCount} instances did not complete correctly. Seed {seed}.{Environment.NewLine}"
            + string.Join(Environment.NewLine, problems.Take(10))
            + $"{Environment.NewLine}Worker output:{Environment.NewLine}{workerOutput.Format()}");
    }

    /// <summary>
    /// Exactly one effect row per scheduled activity: each instance has one row per workflow step, keyed by
    /// its idempotency key (instance:execution:task), all from one execution, each with the step's expected result.
    /// </summary>
    private static void AssertEachEffectExactlyOnce(List<TableEntity> effects, Dictionary<string, long> inputs, OutputTail workerOutput, int seed)
    {
        var problems = new List<string>();
        var expectedTotal = InstanceCount * CrashTestMath.ActivitiesPerInstance;
        if (effects.Count != expectedTotal)
        {
            problems.Add($"{effects.Count} effect rows, expected {expectedTotal} ({InstanceCount} instances x {CrashTestMath.ActivitiesPerInstance} activities)");
        }

        var byInstance = effects.GroupBy(e => e.PartitionKey).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (instanceId, input) in inputs)
        {
            if (!byInstance.TryGetValue(instanceId, out var rows))
            {
                problems.Add($"{instanceId}: no effects");
                continue;
            }

            var expectedResults = CrashTestMath.ExpectedStepResults(input);
            var steps = rows.Select(r => r.GetInt32("Step") ?? -1).Order().ToList();
            if (!steps.SequenceEqual(Enumerable.Range(0, CrashTestMath.ActivitiesPerInstance)))
            {
                problems.Add($"{instanceId}: effect steps [{string.Join(",", steps)}], expected each of 0..{CrashTestMath.ActivitiesPerInstance - 1} once");
            }

            var executions = rows.Select(r => r.GetString("ExecutionId")).Distinct().ToList();
            if (executions.Count != 1)
            {
                problems.Add($"{instanceId}: effects from {executions.Count} executions");
            }

            foreach (var row in rows)
            {
                var key = $"{instanceId}:{row.GetString("ExecutionId")}:{row.GetInt32("TaskId")}";
                if (row.RowKey != key)
                {
                    problems.Add($"{instanceId}: effect row key {row.RowKey}, expected the idempotency key {key}");
                }

                if (row.GetInt32("Step") is int step and >= 0 && step < expectedResults.Length && row.GetInt64("Result") != expectedResults[step])
                {
                    problems.Add($"{instanceId}: step {step} recorded {row.GetInt64("Result")}, expected {expectedResults[step]}");
                }
            }
        }

        Assert.True(
            problems.Count == 0,
            $"Side effects were not applied exactly once. Seed {seed}.{Environment.NewLine}"
            + string.Join(Environment.NewLine, problems.Take(15))
            + $"{Environment.NewLine}Worker output:{Environment.NewLine}{workerOutput.Format()}");
    }

    /// <summary>
    /// Every effect has at least one attempt behind it, and the kills really caused redelivery: some
    /// activities ran again, and some of those found their effect already applied (the exactly-once path).
    /// </summary>
    private void ReportAttempts(List<TableEntity> attempts, List<TableEntity> effects, OutputTail workerOutput, int seed)
    {
        var attemptsByKey = attempts.GroupBy(a => a.GetString("IdempotencyKey")!).ToDictionary(g => g.Key, g => g.Count());
        var withoutAttempt = effects.Where(e => !attemptsByKey.ContainsKey(e.RowKey)).Select(e => e.RowKey).ToList();
        var ranMoreThanOnce = attemptsByKey.Count(pair => pair.Value > 1);
        var redelivered = attempts.Count(a => a.GetInt32("Attempt") > 1);
        var resent = attempts.Where(a => a.GetInt32("Attempt") == 1).GroupBy(a => a.GetString("IdempotencyKey")).Count(g => g.Count() > 1);
        var foundEffect = attempts.Count(a => a.GetBoolean("FoundEffect") == true);
        var workerPids = attempts.Select(a => a.GetInt32("WorkerPid")).Distinct().Count();
        output.WriteLine(
            $"attempts: {attempts.Count} executions for {effects.Count} effects; {ranMoreThanOnce} activities ran more than once; "
            + $"{redelivered} executions were redeliveries (attempt > 1); {resent} activities had a work item sent twice (attempt 1 more than once); {foundEffect} found their effect already applied; {workerPids} worker processes ran activities");

        Assert.True(
            withoutAttempt.Count == 0,
            $"{withoutAttempt.Count} effects have no attempt row (e.g. {string.Join(", ", withoutAttempt.Take(3))}). Seed {seed}.");
        Assert.True(
            ranMoreThanOnce > 0,
            $"No activity ran more than once, so no kill interrupted an activity: the test did not exercise redelivery. Seed {seed}."
            + $"{Environment.NewLine}Worker output:{Environment.NewLine}{workerOutput.Format()}");
    }

    private static async Task<List<TableEntity>> ReadAllAsync(TableClient table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    private static async Task DeleteBestEffortAsync(DurableTaskClient client, CrashTestLedger ledger)
    {
        // Best effort: each run uses its own hub, so leftovers cannot leak into other tests.
        try
        {
            await client.DeleteTaskHubAsync();
        }
        catch (Azure.RequestFailedException)
        {
        }

        try
        {
            await ledger.DeleteTablesAsync(CancellationToken.None);
        }
        catch (Azure.RequestFailedException)
        {
        }
    }

    private sealed record KillRecord(int Number, int ProcessId, TimeSpan RanFor, int IncompleteAtKill, bool ExitedEarly)
    {
        public override string ToString()
            => string.Create(CultureInfo.InvariantCulture, $"#{Number} (pid {ProcessId}, {RanFor.TotalMilliseconds:F0} ms, {IncompleteAtKill} incomplete)");
    }
}
