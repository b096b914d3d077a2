using Microsoft.Extensions.DependencyInjection;
using ReviewFlow.Durable.History;
using ReviewFlow.Durable.Tests.Support;
using ReviewFlow.Durable.Worker;
using ReviewFlow.Testing;
using Xunit;

namespace ReviewFlow.Durable.Tests.Worker;

/// <summary>One writer per instance: ETag-guarded commits, and several workers on one task hub.</summary>
public sealed class SingleWriterTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ProcessAsync_StaleCachedState_LosesCommitThenSucceedsOnFreshState()
    {
        var hub = azurite.NewTaskHub();
        await using var first = await EngineHost.StartAsync(azurite.ConnectionString, hub, Register, startWorker: false);
        await using var second = await EngineHost.StartAsync(azurite.ConnectionString, hub, Register, startWorker: false);
        var workerA = first.Services.GetRequiredService<OrchestrationProcessor>();
        var workerB = second.Services.GetRequiredService<OrchestrationProcessor>();
        const string id = "race-1";
        var start = new ControlMessage(id, null, new ExecutionStarted(nameof(EchoAfterWaitOrchestrator), "1", "\"x\"", "e0000001"));

        // A starts the instance and keeps its state (and ETag) cached.
        Assert.Equal(ProcessOutcome.Done, await workerA.ProcessAsync(id, [start], CancellationToken.None));
        // B, reading from storage, commits the next episode.
        var completed = new ControlMessage(id, "e0000001", new TaskCompleted(0, "\"hello x\""));
        Assert.Equal(ProcessOutcome.Done, await workerB.ProcessAsync(id, [completed], CancellationToken.None));
        // A's cached state is now stale: its commit must lose, not overwrite B's history.
        var raised = new ControlMessage(id, null, new EventRaised("go", "\"now\"", "ev-1"));
        Assert.Equal(ProcessOutcome.Conflict, await workerA.ProcessAsync(id, [raised], CancellationToken.None));
        // Retried against fresh state, it succeeds and the instance completes.
        Assert.Equal(ProcessOutcome.Done, await workerA.ProcessAsync(id, [raised], CancellationToken.None));

        var metadata = await first.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata!.RuntimeStatus);
        Assert.Equal("hello x+now", metadata.ReadOutputAs<string>());
        var history = await first.Client.GetHistoryAsync(id);
        Assert.Single(history.OfType<TaskCompleted>());
        Assert.Single(history.OfType<EventRaised>());
        Assert.Equal(3, history.OfType<OrchestratorStarted>().Count());
    }

    [Fact]
    public async Task ProcessAsync_CompletionOfTaskScheduledByOtherWorker_IsAppliedNotDropped()
    {
        var hub = azurite.NewTaskHub();
        await using var first = await EngineHost.StartAsync(azurite.ConnectionString, hub, Register, startWorker: false);
        await using var second = await EngineHost.StartAsync(azurite.ConnectionString, hub, Register, startWorker: false);
        var workerA = first.Services.GetRequiredService<OrchestrationProcessor>();
        var workerB = second.Services.GetRequiredService<OrchestrationProcessor>();
        const string id = "stale-cache-1";
        var start = new ControlMessage(id, null, new ExecutionStarted(nameof(GreetingSequenceOrchestrator), "1", "\"s\"", "e0000003"));

        await workerA.ProcessAsync(id, [start], CancellationToken.None); // A caches: task #0 scheduled
        await workerB.ProcessAsync(id, [new ControlMessage(id, "e0000003", new TaskCompleted(0, "\"one\""))], CancellationToken.None); // B schedules #1
        // A's cache has never seen task #1; it must not throw its result away.
        await workerA.ProcessAsync(id, [new ControlMessage(id, "e0000003", new TaskCompleted(1, "\"two\""))], CancellationToken.None);

        var history = await first.Client.GetHistoryAsync(id);
        Assert.Equal([0, 1], history.OfType<TaskCompleted>().Select(e => e.TaskId));
        Assert.Equal([0, 1, 2], history.OfType<TaskScheduled>().Select(e => e.TaskId));
    }

    [Fact]
    public async Task ProcessAsync_RedeliveredStartWithEventOnColdWorker_AppliesEventOnce()
    {
        var hub = azurite.NewTaskHub();
        await using var first = await EngineHost.StartAsync(azurite.ConnectionString, hub, Register, startWorker: false);
        await using var second = await EngineHost.StartAsync(azurite.ConnectionString, hub, Register, startWorker: false);
        const string id = "cold-1";
        var start = new ControlMessage(id, null, new ExecutionStarted(nameof(EchoAfterWaitOrchestrator), "1", "\"c\"", "e0000004"));
        await first.Services.GetRequiredService<OrchestrationProcessor>().ProcessAsync(id, [start], CancellationToken.None);
        await first.Services.GetRequiredService<OrchestrationProcessor>().ProcessAsync(
            id, [new ControlMessage(id, "e0000004", new TaskCompleted(0, "\"hello c\""))], CancellationToken.None);
        var cold = second.Services.GetRequiredService<OrchestrationProcessor>();
        var raised = new ControlMessage(id, null, new EventRaised("go", "\"late\"", "ev-cold"));

        // First try of a first delivery may guess "new instance" and lose the insert; the retry reads storage.
        var guessed = await cold.ProcessAsync(id, [start, raised], new EpisodeOptions(false, Redelivered: false, MayBeNew: true), CancellationToken.None);
        var retried = await cold.ProcessAsync(id, [start, raised], new EpisodeOptions(false, Redelivered: true, MayBeNew: false), CancellationToken.None);

        Assert.Equal(ProcessOutcome.Conflict, guessed);
        Assert.Equal(ProcessOutcome.Done, retried);
        var metadata = await first.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal("hello c+late", metadata!.ReadOutputAs<string>());
        Assert.Single((await first.Client.GetHistoryAsync(id)).OfType<EventRaised>());
    }

    [Fact]
    public async Task ProcessAsync_RedeliveredCompletion_IsDroppedNotAppliedTwice()
    {
        await using var host = await EngineHost.StartAsync(azurite.ConnectionString, azurite.NewTaskHub(), Register, startWorker: false);
        var processor = host.Services.GetRequiredService<OrchestrationProcessor>();
        const string id = "dup-1";
        await processor.ProcessAsync(id, [new ControlMessage(id, null, new ExecutionStarted(nameof(EchoAfterWaitOrchestrator), "1", "\"x\"", "e0000002"))], CancellationToken.None);
        var completed = new ControlMessage(id, "e0000002", new TaskCompleted(0, "\"hello x\""));

        await processor.ProcessAsync(id, [completed], CancellationToken.None);
        await processor.ProcessAsync(id, [completed, completed], CancellationToken.None);

        var history = await host.Client.GetHistoryAsync(id);
        Assert.Single(history.OfType<TaskCompleted>());
    }

    [Fact]
    public async Task TwoWorkers_ManyFanOutInstances_AllCompleteWithConsistentHistory()
    {
        var hub = azurite.NewTaskHub();
        // Activities through the queue, so both workers run activities of the same instances.
        await using var one = await EngineHost.StartAsync(azurite.ConnectionString, hub, Register, configureWorker: w => w.LocalActivityDispatch = false);
        await using var two = await EngineHost.StartAsync(azurite.ConnectionString, hub, Register, configureWorker: w => w.LocalActivityDispatch = false);

        var ids = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            one.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOutOrchestrator), 6, new StartOrchestrationOptions($"fan-{i}"))));
        var results = await Task.WhenAll(ids.Select(id => one.WaitAsync(id, seconds: 120)));

        Assert.All(results, r => Assert.Equal(OrchestrationRuntimeStatus.Completed, r.RuntimeStatus));
        Assert.All(results, r => Assert.Equal(91, r.ReadOutputAs<int>()));
        foreach (var id in ids)
        {
            var history = await one.Client.GetHistoryAsync(id);
            var scheduled = history.OfType<TaskScheduled>().Select(e => e.TaskId).ToList();
            var completedIds = history.OfType<TaskCompleted>().Select(e => e.TaskId).ToList();
            Assert.Equal(Enumerable.Range(0, 6), scheduled.Order());
            Assert.Equal(Enumerable.Range(0, 6), completedIds.Order());
        }
    }

    private static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestrator<EchoAfterWaitOrchestrator>()
        .AddOrchestrator<GreetingSequenceOrchestrator>()
        .AddOrchestrator<FanOutOrchestrator>()
        .AddActivity<Greet>()
        .AddActivity<Square>();
}
