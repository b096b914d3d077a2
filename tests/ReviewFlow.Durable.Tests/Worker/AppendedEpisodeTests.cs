using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using ReviewFlow.Durable.History;
using ReviewFlow.Durable.Storage;
using ReviewFlow.Durable.Tests.Support;
using ReviewFlow.Durable.Worker;
using ReviewFlow.Testing;
using Xunit;

namespace ReviewFlow.Durable.Tests.Worker;

/// <summary>
/// After an execution's first commit, a commit merges only what its episode changed into the state row: the events it
/// added as one more <c>Episode</c> property, and the small properties. What a merge clears must read back as cleared.
/// Episodes are fed to the processor by hand, so each commit is known.
/// </summary>
public sealed class AppendedEpisodeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Episodes_AfterTheFirst_AreAppendedAndReadBackInOrder()
    {
        var hub = azurite.NewTaskHub();
        await using var host = await StartAsync(hub);
        var processor = host.Services.GetRequiredService<OrchestrationProcessor>();
        const string id = "append-1";

        await processor.ProcessAsync(id, [Start(id, nameof(GreetingSequenceOrchestrator), "e1")], CancellationToken.None);
        await processor.ProcessAsync(id, [new ControlMessage(id, "e1", new TaskCompleted(0, "\"one\""))], CancellationToken.None);
        await processor.ProcessAsync(id, [new ControlMessage(id, "e1", new TaskCompleted(1, "\"two\""))], CancellationToken.None);
        var row = await host.StateRowAsync(id);
        var loaded = await FreshStoreAsync(hub, id);

        // The first episode was written whole; each later one only added its own events.
        Assert.Contains(Events(row, "History0"), e => e is ExecutionStarted);
        Assert.DoesNotContain(Events(row, "History0"), e => e is TaskCompleted);
        Assert.Equal([0], Events(row, "Episode0").OfType<TaskCompleted>().Select(e => e.TaskId));
        Assert.DoesNotContain(Events(row, "Episode0"), e => e is ExecutionStarted);
        Assert.Equal([1], Events(row, "Episode1").OfType<TaskCompleted>().Select(e => e.TaskId));
        Assert.Null(row.GetString("Episode2"));

        // Read back from storage, whole and in order.
        Assert.Equal([0, 1], loaded.History.OfType<TaskCompleted>().Select(e => e.TaskId));
        Assert.Equal([0, 1, 2], loaded.History.OfType<TaskScheduled>().Select(e => e.TaskId));
        Assert.Equal(3, loaded.History.OfType<OrchestratorStarted>().Count());
        Assert.IsType<ExecutionStarted>(loaded.History[1]);
    }

    [Fact]
    public async Task Outbox_LeftEmptyByALaterEpisode_ReadsBackEmpty()
    {
        var hub = azurite.NewTaskHub();
        await using var host = await StartAsync(hub);
        var processor = host.Services.GetRequiredService<OrchestrationProcessor>();
        const string id = "append-outbox";

        // The first episode schedules an activity (an outbox); the next one only waits for an event (none).
        await processor.ProcessAsync(id, [Start(id, nameof(EchoAfterWaitOrchestrator), "e2")], CancellationToken.None);
        Assert.NotEmpty((await FreshStoreAsync(hub, id)).Outbox);
        await processor.ProcessAsync(id, [new ControlMessage(id, "e2", new TaskCompleted(0, "\"hello\""))], CancellationToken.None);
        var row = await host.StateRowAsync(id);
        var loaded = await FreshStoreAsync(hub, id);

        Assert.NotNull(row.GetString("Episode0")); // the second commit was a merge
        Assert.Empty(loaded.Outbox); // a merge leaves a property it is not sent: the old outbox must not survive it
        Assert.True(loaded.OutboxDone);
    }

    [Fact]
    public async Task Pending_AppliedByALaterEpisode_ReadsBackEmpty()
    {
        var hub = azurite.NewTaskHub();
        await using var host = await StartAsync(hub);
        var processor = host.Services.GetRequiredService<OrchestrationProcessor>();
        const string id = "append-pending";
        await processor.ProcessAsync(id, [Start(id, nameof(EchoAfterWaitOrchestrator), "e3")], CancellationToken.None);
        await processor.ProcessAsync(id, [new ControlMessage(id, null, new ExecutionSuspended("hold"))], CancellationToken.None);

        // Suspended: the event waits in Pending until the instance resumes.
        await processor.ProcessAsync(id, [new ControlMessage(id, null, new EventRaised("go", "\"later\"", "ev-p"))], CancellationToken.None);
        Assert.Single((await FreshStoreAsync(hub, id)).Pending);
        await processor.ProcessAsync(id, [new ControlMessage(id, null, new ExecutionResumed(null))], CancellationToken.None);
        var loaded = await FreshStoreAsync(hub, id);

        Assert.Empty(loaded.Pending);
        Assert.Single(loaded.History.OfType<EventRaised>());
    }

    [Fact]
    public async Task CustomStatus_ClearedByALaterEpisode_ReadsBackNull()
    {
        var hub = azurite.NewTaskHub();
        await using var host = await StartAsync(hub);
        var processor = host.Services.GetRequiredService<OrchestrationProcessor>();
        const string id = "append-status";
        await processor.ProcessAsync(id, [Start(id, nameof(StatusThenClearOrchestrator), "e4")], CancellationToken.None);
        await processor.ProcessAsync(id, [new ControlMessage(id, null, new EventRaised("other", "null", "ev-0"))], CancellationToken.None);
        Assert.Equal("\"first\"", (await FreshStoreAsync(hub, id)).CustomStatus); // unchanged, so not sent, and kept
        await processor.ProcessAsync(id, [new ControlMessage(id, null, new EventRaised("next", "null", "ev-1"))], CancellationToken.None);

        Assert.Null((await FreshStoreAsync(hub, id)).CustomStatus);
    }

    [Fact]
    public async Task ManyEpisodes_PastTheLimit_AreWrittenWholeAgain()
    {
        var hub = azurite.NewTaskHub();
        await using var host = await StartAsync(hub);
        var processor = host.Services.GetRequiredService<OrchestrationProcessor>();
        const string id = "append-many";
        var events = InstanceStore.MaxAppendedEpisodes + 3;
        await processor.ProcessAsync(id, [Start(id, nameof(StatusThenClearOrchestrator), "e5")], CancellationToken.None);
        for (var i = 0; i < events; i++)
        {
            await processor.ProcessAsync(id, [new ControlMessage(id, null, new EventRaised("count", $"{i}", $"ev-{i}"))], CancellationToken.None);
        }

        var row = await host.StateRowAsync(id);
        var loaded = await FreshStoreAsync(hub, id);

        // Whole on the commit past the limit, then appended again.
        Assert.Equal(InstanceStore.MaxAppendedEpisodes + 1, Events(row, "History0").OfType<EventRaised>().Count());
        Assert.NotNull(row.GetString("Episode1"));
        Assert.Null(row.GetString("Episode2"));
        Assert.Equal(Enumerable.Range(0, events).Select(i => $"ev-{i}"), loaded.History.OfType<EventRaised>().Select(e => e.EventId));
    }

    private static ControlMessage Start(string id, string orchestrator, string executionId)
        => new(id, null, new ExecutionStarted(orchestrator, "1", "\"s\"", executionId));

    private Task<EngineHost> StartAsync(string hub)
        => EngineHost.StartAsync(azurite.ConnectionString, hub, Register, startWorker: false);

    private static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestrator<EchoAfterWaitOrchestrator>()
        .AddOrchestrator<GreetingSequenceOrchestrator>()
        .AddOrchestrator<StatusThenClearOrchestrator>()
        .AddActivity<Greet>();

    /// <summary>The instance as a process that has never seen it reads it.</summary>
    private async Task<InstanceState> FreshStoreAsync(string hub, string instanceId)
    {
        await using var other = await EngineHost.StartAsync(azurite.ConnectionString, hub, Register, startWorker: false, keepTaskHub: true);
        return await other.Services.GetRequiredService<InstanceStore>().LoadAsync(instanceId, CancellationToken.None);
    }

    private static List<HistoryEvent> Events(TableEntity row, string property)
        => JsonSerializer.Deserialize<List<HistoryEvent>>(row.GetString(property)!, DurableJson.Options)!;
}

/// <summary>Sets a custom status, clears it on the first "next" event, and ends on the second; other events are only recorded.</summary>
public sealed class StatusThenClearOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        context.SetCustomStatus("first");
        await context.WaitForExternalEvent<object?>("next");
        context.SetCustomStatus(null);
        await context.WaitForExternalEvent<object?>("next");
        return input;
    }
}
