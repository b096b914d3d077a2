using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReviewFlow.Durable.Tests.Support;
using ReviewFlow.Durable.Worker;
using ReviewFlow.Testing;
using Xunit;

namespace ReviewFlow.Durable.Tests.Worker;

/// <summary>
/// The engine driven from outside, as the Azure Functions host drives it: no worker runs; the test receives the
/// queue messages itself, hands each to <see cref="DurableTriggerProcessor"/> with its dequeue count, and deletes
/// or releases it as the result says.
/// </summary>
public sealed class DurableTriggerProcessorTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ProcessMessages_DeliveredLikeTheFunctionsHost_CompletesTheOrchestration()
    {
        await using var host = await StartAsync(r => r.AddOrchestrator<GreetingSequenceOrchestrator>().AddActivity<Greet>());
        var pump = new HostPump(host, azurite.ConnectionString);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetingSequenceOrchestrator), "ann");
        var handled = await pump.RunUntilQuietAsync();

        var done = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done!.RuntimeStatus);
        Assert.Equal("hello ann-1,hello ann-2,hello ann-3", done.ReadOutputAs<string>());
        // Every activity went through the work-item queue: nothing ran in-process between invocations.
        Assert.Equal(3, handled.Count(h => h.Queue.EndsWith("-workitems", StringComparison.Ordinal)));
        Assert.All(handled, h => Assert.Equal(DeliveryResult.Completed, h.Result));
    }

    [Fact]
    public async Task ProcessControlMessage_SameMessageDeliveredTwice_AppliesItOnce()
    {
        await using var host = await StartAsync(r => r.AddOrchestrator<GreetingSequenceOrchestrator>().AddActivity<Greet>());
        var pump = new HostPump(host, azurite.ConnectionString);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetingSequenceOrchestrator), "bo");
        var start = await pump.ReceiveOneAsync(pump.ControlQueueOf(id));

        // The host crashed after the episode but before deleting: the message comes back with dequeue count 2.
        Assert.Equal(DeliveryResult.Completed, await host.Processor.ProcessControlMessageAsync(Delivered(start, dequeueCount: 1)));
        Assert.Equal(DeliveryResult.Completed, await host.Processor.ProcessControlMessageAsync(Delivered(start, dequeueCount: 2)));
        await pump.DeleteAsync(start);
        await pump.RunUntilQuietAsync();

        var done = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal("hello bo-1,hello bo-2,hello bo-3", done!.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ProcessWorkItem_FailingPastMaxDequeueCount_IsDeadLetteredAndInstanceFailed()
    {
        await using var host = await StartAsync(r => r.AddOrchestrator<CallsMissingActivityOrchestrator>(), maxDequeueCount: 2);
        var pump = new HostPump(host, azurite.ConnectionString);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CallsMissingActivityOrchestrator), "x");
        await pump.RunUntilQuietAsync(includeWorkItems: false);
        var workItem = await pump.ReceiveOneAsync(pump.WorkItems);

        // Deliveries 1 and 2 fail (the activity is not registered): the host must retry them.
        Assert.Equal(DeliveryResult.Retry, await host.Processor.ProcessWorkItemAsync(Delivered(workItem, dequeueCount: 1)));
        Assert.Equal(DeliveryResult.Retry, await host.Processor.ProcessWorkItemAsync(Delivered(workItem, dequeueCount: 2)));
        // Delivery 3 is past the limit: parked on the engine's poison queue, and the instance is told why.
        Assert.Equal(DeliveryResult.DeadLettered, await host.Processor.ProcessWorkItemAsync(Delivered(workItem, dequeueCount: 3)));
        await pump.DeleteAsync(workItem);
        await pump.RunUntilQuietAsync();

        var failed = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed!.RuntimeStatus);
        Assert.Contains("NoSuchActivity", failed.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        var poison = (await pump.Poison.PeekMessagesAsync(10)).Value;
        Assert.Equal(workItem.MessageText, Assert.Single(poison).MessageText);
    }

    [Fact]
    public async Task ProcessControlMessage_Unreadable_IsParkedOnThePoisonQueue()
    {
        await using var host = await StartAsync(r => r.AddOrchestrator<GreetingSequenceOrchestrator>());
        var pump = new HostPump(host, azurite.ConnectionString);

        var result = await host.Processor.ProcessControlMessageAsync(new DeliveredMessage("q", "m1", "{not json", 1));

        Assert.Equal(DeliveryResult.Parked, result);
        Assert.Equal("{not json", Assert.Single((await pump.Poison.PeekMessagesAsync(10)).Value).MessageText);
    }

    [Fact]
    public async Task ProcessControlMessage_WorkItemOnTheWrongQueue_IsParkedNotDropped()
    {
        await using var host = await StartAsync(r => r.AddOrchestrator<GreetingSequenceOrchestrator>().AddActivity<Greet>());
        var pump = new HostPump(host, azurite.ConnectionString);
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetingSequenceOrchestrator), "dee");
        await pump.RunUntilQuietAsync(includeWorkItems: false);
        var workItem = await pump.ReceiveOneAsync(pump.WorkItems);

        // Valid JSON of another record: without an instance id and event it must not pass for an empty control message.
        var result = await host.Processor.ProcessControlMessageAsync(Delivered(workItem, dequeueCount: 1));

        Assert.Equal(DeliveryResult.Parked, result);
        Assert.Equal(workItem.MessageText, Assert.Single((await pump.Poison.PeekMessagesAsync(10)).Value).MessageText);
    }

    [Fact]
    public async Task SweepDueTimers_TimerDue_SendsItToTheControlQueueAndTheInstanceCarriesOn()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.Zero));
        await using var host = await StartAsync(r => r.AddOrchestrator<NapThenGreetOrchestrator>().AddActivity<Greet>(), clock: clock);
        var pump = new HostPump(host, azurite.ConnectionString);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(NapThenGreetOrchestrator), "cy");
        await pump.RunUntilQuietAsync();

        Assert.Equal(0, await host.Processor.SweepDueTimersAsync()); // not due yet
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await host.Processor.SweepDueTimersAsync());
        await pump.RunUntilQuietAsync();

        var done = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done!.RuntimeStatus);
        Assert.Equal("hello cy", done.ReadOutputAs<string>());
    }

    private static DeliveredMessage Delivered(QueueMessage message, long dequeueCount) =>
        new("test", message.MessageId, message.MessageText, dequeueCount);

    private async Task<TriggeredHost> StartAsync(Action<DurableTaskRegistry> register, int maxDequeueCount = 5, TimeProvider? clock = null)
    {
        var engine = await EngineHost.StartAsync(
            azurite.ConnectionString,
            azurite.NewTaskHub(),
            register,
            configureWorker: w => w.MaxDequeueCount = maxDequeueCount,
            configureServices: services =>
            {
                if (clock is not null)
                {
                    services.AddSingleton(clock);
                }
            },
            startWorker: false);
        return new TriggeredHost(engine);
    }

    /// <summary>An engine with no worker running, and its trigger processor.</summary>
    private sealed class TriggeredHost(EngineHost engine) : IAsyncDisposable
    {
        public DurableTaskClient Client => engine.Client;

        public DurableTriggerProcessor Processor { get; } = engine.Services.GetRequiredService<DurableTriggerProcessor>();

        public string TaskHub { get; } = engine.Services.GetRequiredService<DurableStorageOptions>().TaskHubName;

        public int ControlQueueCount { get; } = engine.Services.GetRequiredService<DurableStorageOptions>().ControlQueueCount;

        public ValueTask DisposeAsync() => engine.DisposeAsync();
    }

    /// <summary>Plays the Functions host: receives messages, invokes, and deletes on success or releases on failure.</summary>
    private sealed class HostPump(TriggeredHost host, string connectionString)
    {
        private readonly QueueServiceClient _queues = new(connectionString);

        public QueueClient WorkItems => _queues.GetQueueClient(TaskHubQueueNames.WorkItems(host.TaskHub));

        public QueueClient Poison => _queues.GetQueueClient(TaskHubQueueNames.Poison(host.TaskHub));

        public QueueClient ControlQueueOf(string instanceId)
        {
            for (var p = 0; p < host.ControlQueueCount; p++)
            {
                var queue = _queues.GetQueueClient(TaskHubQueueNames.ControlQueue(host.TaskHub, p));
                if (queue.PeekMessages(32).Value.Any(m => m.MessageText.Contains(instanceId, StringComparison.Ordinal)))
                {
                    return queue;
                }
            }

            throw new InvalidOperationException($"No control message for {instanceId}.");
        }

        public async Task<QueueMessage> ReceiveOneAsync(QueueClient queue)
        {
            QueueMessage? message = await queue.ReceiveMessageAsync(TimeSpan.FromMinutes(1));
            Assert.NotNull(message);
            _lastQueue[message.MessageId] = queue;
            return message;
        }

        public Task DeleteAsync(QueueMessage message) => _lastQueue[message.MessageId].DeleteMessageAsync(message.MessageId, message.PopReceipt);

        private readonly Dictionary<string, QueueClient> _lastQueue = new(StringComparer.Ordinal);

        /// <summary>Delivers messages until every queue is empty; returns what each delivery gave.</summary>
        public async Task<List<(string Queue, DeliveryResult Result)>> RunUntilQuietAsync(bool includeWorkItems = true)
        {
            var queues = Enumerable.Range(0, host.ControlQueueCount)
                .Select(p => _queues.GetQueueClient(TaskHubQueueNames.ControlQueue(host.TaskHub, p)))
                .ToList();
            if (includeWorkItems)
            {
                queues.Add(WorkItems);
            }

            var handled = new List<(string, DeliveryResult)>();
            for (var round = 0; round < 100; round++)
            {
                var any = false;
                foreach (var queue in queues)
                {
                    foreach (var message in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value)
                    {
                        any = true;
                        var delivered = new DeliveredMessage(queue.Name, message.MessageId, message.MessageText, message.DequeueCount);
                        var result = queue.Name == WorkItems.Name
                            ? await host.Processor.ProcessWorkItemAsync(delivered)
                            : await host.Processor.ProcessControlMessageAsync(delivered);
                        handled.Add((queue.Name, result));
                        if (result == DeliveryResult.Retry)
                        {
                            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
                        }
                        else
                        {
                            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                        }
                    }
                }

                if (!any)
                {
                    return handled;
                }
            }

            throw new InvalidOperationException("The queues never went quiet.");
        }
    }
}

/// <summary>Sleeps an hour on a durable timer, then greets.</summary>
public sealed class NapThenGreetOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        await context.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
        return await context.CallActivityAsync<string>(nameof(Greet), input);
    }
}
