using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewFlow.Durable.History;
using ReviewFlow.Durable.Storage;

namespace ReviewFlow.Durable.Worker;

/// <summary>
/// Polls the work-item queue and runs activities. A result is reported to the orchestration before the
/// work item is deleted, so a crash in between runs the activity again (at least once); the orchestration
/// drops the duplicate result, and side effects are made idempotent with the activity's idempotency key.
/// </summary>
internal sealed partial class ActivityDispatcher(
    TaskHubStorage storage,
    QueueCodec codec,
    QueueBacklog backlog,
    ActivityExecutor executor,
    ActivitySlots slots,
    WorkSignals signals,
    WorkTracker tracker,
    ErrorMemory errors,
    IOptions<DurableWorkerOptions> options,
    ILogger<ActivityDispatcher> logger)
{
    private readonly DurableWorkerOptions _options = options.Value;

    /// <summary>True when no activity is running in this process.</summary>
    public bool IsIdle => slots.IsIdle;

    public async Task PollAsync(CancellationToken cancellationToken)
    {
        var queue = storage.WorkItems;
        var wait = TimeSpan.FromMilliseconds(10);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var free = slots.Free;
                if (free == 0)
                {
                    await Task.Delay(5, cancellationToken);
                    continue;
                }

                QueueMessage[] messages = (await queue.ReceiveMessagesAsync(Math.Min(32, free), _options.VisibilityTimeout, cancellationToken)).Value;
                if (messages.Length == 0)
                {
                    await signals.WaitActivityAsync(wait, cancellationToken);
                    wait = TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds * 2, _options.MaxPollingInterval.TotalMilliseconds));
                    continue;
                }

                wait = TimeSpan.FromMilliseconds(10);
                foreach (var message in messages)
                {
                    await slots.EnterAsync(cancellationToken);
                    tracker.Started();
                    _ = Task.Run(() => RunGuardedAsync(message, cancellationToken), CancellationToken.None);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception pollFailure)
            {
                LogPollFailed(pollFailure);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task RunGuardedAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(message, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: hand the work item back at once so another worker runs it.
            await QueueMessageRetry.ReleaseAsync(storage.WorkItems, message, TimeSpan.Zero);
        }
        catch (Exception failure)
        {
            errors.Remember(message.MessageId, failure);
            LogWorkItemFailed(message.MessageId, failure);
            await QueueMessageRetry.AbandonAsync(storage.WorkItems, message, _options.RetryBackoff);
        }
        finally
        {
            slots.Exit();
            tracker.Finished();
        }
    }

    private Task RunAsync(QueueMessage message, CancellationToken cancellationToken)
        => RunAsync(
            message.MessageId,
            message.MessageText,
            message.DequeueCount,
            complete: () => QueueMessageRetry.DeleteAsync(storage.WorkItems, message, backlog),
            park: ct => QueueMessageRetry.ParkAsync(storage.Poison, storage.WorkItems, message, backlog, ct),
            cancellationToken);

    /// <summary>
    /// Runs one work item someone else received (the Azure Functions host), through the same path as a polled
    /// one. The receiver deletes the message on <see cref="DeliveryResult.Completed"/> or
    /// <see cref="DeliveryResult.DeadLettered"/>, and redelivers it on <see cref="DeliveryResult.Retry"/>.
    /// </summary>
    public async Task<DeliveryResult> ProcessDeliveredAsync(DeliveredMessage message, CancellationToken cancellationToken)
    {
        var result = DeliveryResult.Completed;
        tracker.Started();
        try
        {
            await RunAsync(
                message.Id,
                message.Text,
                message.DequeueCount,
                complete: () => Task.CompletedTask,
                park: async ct =>
                {
                    await storage.Poison.SendMessageAsync(message.Text, ct);
                    result = DeliveryResult.DeadLettered;
                },
                cancellationToken);
            return result;
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            errors.Remember(message.Id, failure);
            LogWorkItemFailed(message.Id, failure);
            return DeliveryResult.Retry;
        }
        catch (OperationCanceledException)
        {
            return DeliveryResult.Retry;
        }
        finally
        {
            tracker.Finished();
        }
    }

    private async Task RunAsync(
        string messageId, string messageText, long dequeueCount, Func<Task> complete, Func<CancellationToken, Task> park, CancellationToken cancellationToken)
    {
        var workItem = await codec.ReadAsync<ActivityWorkItem>(messageText, cancellationToken);
        if (dequeueCount > _options.MaxDequeueCount)
        {
            await DeadLetterAsync(messageId, dequeueCount, workItem, park, cancellationToken);
            return;
        }

        var outcome = await executor.ExecuteAsync(workItem, workItem.PriorAttempts + (int)dequeueCount, cancellationToken);
        await codec.SendAsync(
            storage.ControlQueueFor(workItem.InstanceId),
            new ControlMessage(workItem.InstanceId, workItem.ExecutionId, outcome),
            workItem.InstanceId,
            cancellationToken);
        signals.ControlQueued(TaskHubStorage.PartitionOf(workItem.InstanceId, storage.ControlQueues.Count));
        await complete();
        errors.Forget(messageId);
    }

    private async Task DeadLetterAsync(string messageId, long dequeueCount, ActivityWorkItem workItem, Func<CancellationToken, Task> park, CancellationToken cancellationToken)
    {
        var attempts = workItem.PriorAttempts + (int)dequeueCount - 1;
        var lastError = workItem.LastError is { } local && !errors.Knows(messageId) ? local : errors.Recall(messageId);
        LogDeadLettered(workItem.Name, workItem.InstanceId, attempts, lastError);
        var failure = new WorkItemDeadLettered($"Activity '{workItem.Name}' (#{workItem.TaskId})", attempts, lastError);
        await codec.SendAsync(
            storage.ControlQueueFor(workItem.InstanceId),
            new ControlMessage(workItem.InstanceId, workItem.ExecutionId, failure),
            workItem.InstanceId,
            cancellationToken);
        await park(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling the work-item queue failed; retrying")]
    private partial void LogPollFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work item {MessageId} failed; it will be retried")]
    private partial void LogWorkItemFailed(string messageId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Activity {Activity} of instance {InstanceId} failed {Attempts} attempts and was dead-lettered. Last error: {LastError}")]
    private partial void LogDeadLettered(string activity, string instanceId, int attempts, string lastError);
}
