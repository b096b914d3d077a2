using Microsoft.Extensions.DependencyInjection;
using ReviewFlow.Durable.Tests.Support;
using ReviewFlow.Testing;
using Xunit;

namespace ReviewFlow.Durable.Tests.Worker;

/// <summary>At-least-once activities with stable idempotency keys, retry policies, and dead-lettering.</summary>
public sealed class ActivityDeliveryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task CallActivity_RedeliveredWorkItem_KeepsItsIdempotencyKey()
    {
        var log = new ExecutionLog();
        await using var host = await EngineHost.StartAsync(
            azurite.ConnectionString, azurite.NewTaskHub(),
            r => r.AddOrchestrator<IdempotencyOrchestrator>().AddActivity<RecordCall>().AddActivity<FirstDeliveryCrashes>(),
            configureServices: services => services.AddSingleton(log));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(IdempotencyOrchestrator), "k");
        var result = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var output = result.ReadOutputAs<string[]>()!;
        var (instanceId, executionId, redeliveredKey) = (output[0], output[1], output[2]);
        var calls = log.Calls.ToArray();
        // One key per scheduled task: instance, execution, task sequence number.
        Assert.Equal(
            [$"{instanceId}:{executionId}:0", $"{instanceId}:{executionId}:1", $"{instanceId}:{executionId}:2", $"{instanceId}:{executionId}:3"],
            calls.Select(c => c.Key).ToArray());
        // The last work item failed its first delivery and ran on the second, under the same key.
        Assert.Equal((redeliveredKey, 2), calls[3]);
    }

    [Fact]
    public async Task CallActivity_WithRetryPolicy_RetriesWithBackoffUntilSuccess()
    {
        var book = new AttemptBook();
        await using var host = await StartRetryHostAsync(book);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RetryingOrchestrator), "send:2");
        var result = await host.WaitAsync(id);

        Assert.Equal("send:2 ok after 3", result.ReadOutputAs<string>());
        var attempts = book.Attempts["send:2"];
        Assert.Equal(3, attempts.Count);
        // Backoff runs on durable timers in orchestration time: 1 s, then 2 s (coefficient 2).
        Assert.Equal(TimeSpan.FromSeconds(1), attempts[1] - attempts[0]);
        Assert.Equal(TimeSpan.FromSeconds(2), attempts[2] - attempts[1]);
    }

    [Fact]
    public async Task CallActivity_RetriesExhausted_FailsInstanceWithActivityError()
    {
        var book = new AttemptBook();
        await using var host = await StartRetryHostAsync(book);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RetryingOrchestrator), "send:5");
        var result = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(3, book.Attempts["send:5"].Count);
        Assert.Contains("transient failure 3 of send:5", result.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.True(result.FailureDetails.IsCausedBy<InvalidOperationException>());
    }

    [Fact]
    public async Task WorkItem_FailingEveryDelivery_IsDeadLetteredAndInstanceFailedWithReason()
    {
        await using var host = await EngineHost.StartAsync(
            azurite.ConnectionString, azurite.NewTaskHub(),
            r => r.AddOrchestrator<CallsMissingActivityOrchestrator>(),
            configureWorker: worker =>
            {
                worker.MaxDequeueCount = 2;
                worker.RetryBackoff = TimeSpan.FromSeconds(1);
            });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CallsMissingActivityOrchestrator), "x");
        var result = await host.WaitAsync(id, seconds: 60);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        // One local attempt by the worker that scheduled it, then two deliveries from the work-item queue.
        Assert.Contains("Activity 'NoSuchActivity' (#0) was dead-lettered after 3 attempts", result.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("is not registered", result.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        var poison = host.Services.GetRequiredService<Storage.TaskHubStorage>().Poison;
        var parked = (await poison.PeekMessagesAsync(10)).Value;
        Assert.Contains(parked, m => m.MessageText.Contains("NoSuchActivity", StringComparison.Ordinal));
    }

    /// <summary>The retrying orchestrator and its flaky activity on a virtual clock, so backoffs take no real time.</summary>
    private Task<EngineHost> StartRetryHostAsync(AttemptBook book)
        => EngineHost.StartAsync(
            azurite.ConnectionString,
            azurite.NewTaskHub(),
            r => r.AddOrchestrator<RetryingOrchestrator>().AddActivity<FlakyActivity>(),
            configureServices: services =>
            {
                services.AddSingleton(book);
                services.UseVirtualClock(HostExtensions.QuarterStart);
            });
}
