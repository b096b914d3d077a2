using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewFlow.Durable.History;
using ReviewFlow.Durable.Storage;

namespace ReviewFlow.Durable.Worker;

/// <summary>
/// Polls the control queues and runs orchestration episodes. Messages for one instance are processed one
/// batch at a time, in arrival order; messages arriving meanwhile join the next batch, so a fan-in of
/// many results costs few episodes.
/// </summary>
internal sealed partial class ControlQueueDispatcher(
    TaskHubStorage storage,
    QueueCodec codec,
    OrchestrationProcessor processor,
    WorkSignals signals,
    WorkTracker tracker,
    ErrorMemory errors,
    IOptions<DurableWorkerOptions> options,
    ILogger<ControlQueueDispatcher> logger)
{
    private const int MaxHeldMessages = 2_000;
    private readonly DurableWorkerOptions _options = options.Value;
    private readonly Dictionary<string, List<Received>> _byInstance = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentOrchestrations);
    private int _held;

    /// <summary>Conflicts seen (another worker committed an instance first); for diagnostics and tests.</summary>
    public long Conflicts => Interlocked.Read(ref _conflicts);

    private long _conflicts;

    public async Task PollAsync(int partition, CancellationToken cancellationToken)
    {
        var queue = storage.ControlQueues[partition];
        var wait = TimeSpan.FromMilliseconds(10);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (Volatile.Read(ref _held) >= MaxHeldMessages)
                {
                    await Task.Delay(20, cancellationToken);
                    continue;
                }

                QueueMessage[] messages = (await queue.ReceiveMessagesAsync(32, _options.VisibilityTimeout, cancellationToken)).Value;
                if (messages.Length == 0)
                {
                    await signals.WaitControlAsync(partition, wait, cancellationToken);
                    wait = TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds * 2, _options.MaxPollingInterval.TotalMilliseconds));
                    continue;
                }

                wait = TimeSpan.FromMilliseconds(10);
                foreach (var message in messages)
                {
                    await AcceptAsync(queue, message, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception pollFailure)
            {
                LogPollFailed(queue.Name, pollFailure);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>True when no message is held or being processed.</summary>
    public bool IsIdle
    {
        get
        {
            lock (_lock)
            {
                return _byInstance.Count == 0;
            }
        }
    }

    private async Task AcceptAsync(QueueClient queue, QueueMessage message, CancellationToken cancellationToken)
    {
        ControlMessage decoded;
        try
        {
            decoded = await codec.ReadAsync<ControlMessage>(message.MessageText, cancellationToken);
        }
        catch (Exception unreadable) when (unreadable is not OperationCanceledException)
        {
            LogUnreadable(queue.Name, message.MessageId, unreadable);
            await storage.Poison.SendMessageAsync(message.MessageText, cancellationToken);
            await QueueMessageRetry.DeleteAsync(queue, message);
            return;
        }

        // Past the limit a message still gets one more try: deliveries also pile up when a busy worker
        // holds a message past its visibility timeout, and a message that then succeeds is not poison.
        // Only one that keeps failing (or keeps killing its worker, far past the limit) is dead-lettered.
        if (message.DequeueCount > 2L * _options.MaxDequeueCount)
        {
            await DeadLetterAsync(queue, message, decoded, cancellationToken);
            return;
        }

        tracker.Started();
        Interlocked.Increment(ref _held);
        var received = new Received(queue, message, decoded);
        bool startLoop;
        lock (_lock)
        {
            startLoop = !_byInstance.TryGetValue(decoded.InstanceId, out var batch);
            if (startLoop)
            {
                _byInstance[decoded.InstanceId] = [received];
            }
            else
            {
                batch!.Add(received);
            }
        }

        if (startLoop)
        {
            _ = Task.Run(() => RunInstanceAsync(decoded.InstanceId, cancellationToken), CancellationToken.None);
        }
    }

    private async Task RunInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        while (true)
        {
            List<Received> batch;
            lock (_lock)
            {
                batch = _byInstance[instanceId];
                if (batch.Count == 0)
                {
                    _byInstance.Remove(instanceId);
                    return;
                }

                _byInstance[instanceId] = [];
            }

            await _slots.WaitAsync(CancellationToken.None);
            try
            {
                await ProcessBatchAsync(instanceId, batch, cancellationToken);
            }
            finally
            {
                _slots.Release();
                Interlocked.Add(ref _held, -batch.Count);
                tracker.Finished(batch.Count);
            }
        }
    }

    private async Task ProcessBatchAsync(string instanceId, List<Received> batch, CancellationToken cancellationToken)
    {
        const int maxConflictRetries = 5;
        for (var attempt = 1; attempt <= maxConflictRetries; attempt++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                // Shutting down: hand the messages back at once so another worker carries on without waiting.
                await Task.WhenAll(batch.Select(r => QueueMessageRetry.ReleaseAsync(r.Queue, r.QueueMessage, TimeSpan.Zero)));
                return;
            }

            ProcessOutcome outcome;
            try
            {
                outcome = await processor.ProcessAsync(instanceId, [.. batch.Select(r => r.Message)], cancellationToken);
            }
            catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
            {
                LogEpisodeFailed(instanceId, failure);
                foreach (var received in batch)
                {
                    errors.Remember(received.QueueMessage.MessageId, failure);
                }

                await Task.WhenAll(batch.Select(r => r.QueueMessage.DequeueCount >= _options.MaxDequeueCount
                    ? DeadLetterAsync(r.Queue, r.QueueMessage, r.Message, CancellationToken.None)
                    : QueueMessageRetry.AbandonAsync(r.Queue, r.QueueMessage, _options.RetryBackoff)));
                return;
            }
            catch (OperationCanceledException)
            {
                await Task.WhenAll(batch.Select(r => QueueMessageRetry.ReleaseAsync(r.Queue, r.QueueMessage, TimeSpan.Zero)));
                return;
            }

            if (outcome == ProcessOutcome.Done)
            {
                foreach (var received in batch)
                {
                    errors.Forget(received.QueueMessage.MessageId);
                }

                await Task.WhenAll(batch.Select(r => QueueMessageRetry.DeleteAsync(r.Queue, r.QueueMessage)));
                return;
            }

            // Another worker committed this instance first: try again against its fresh state.
            Interlocked.Increment(ref _conflicts);
            LogConflict(instanceId, attempt);
            await Task.Delay(Random.Shared.Next(5, 50) * attempt, CancellationToken.None);
        }

        await Task.WhenAll(batch.Select(r => QueueMessageRetry.AbandonAsync(r.Queue, r.QueueMessage, _options.RetryBackoff)));
    }

    private async Task DeadLetterAsync(QueueClient queue, QueueMessage message, ControlMessage decoded, CancellationToken cancellationToken)
    {
        var lastError = errors.Recall(message.MessageId);
        LogDeadLettered(decoded.InstanceId, decoded.Event.GetType().Name, message.DequeueCount, lastError);

        // Fail the instance first (a message like any other, so the single-writer rule holds), then park the original.
        // A failure notice that itself cannot be processed is only parked, or it would loop.
        if (decoded.Event is WorkItemDeadLettered)
        {
            await storage.Poison.SendMessageAsync(message.MessageText, cancellationToken);
            await QueueMessageRetry.DeleteAsync(queue, message);
            return;
        }

        var failure = new WorkItemDeadLettered($"Control message '{decoded.Event.GetType().Name}'", (int)message.DequeueCount, lastError);
        await codec.SendAsync(storage.ControlQueueFor(decoded.InstanceId), new ControlMessage(decoded.InstanceId, null, failure), decoded.InstanceId, cancellationToken);
        await storage.Poison.SendMessageAsync(message.MessageText, cancellationToken);
        await QueueMessageRetry.DeleteAsync(queue, message);
    }

    private sealed record Received(QueueClient Queue, QueueMessage QueueMessage, ControlMessage Message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling {Queue} failed; retrying")]
    private partial void LogPollFailed(string queue, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unreadable message {MessageId} on {Queue} moved to the poison queue")]
    private partial void LogUnreadable(string queue, string messageId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Episode of instance {InstanceId} failed; its messages will be retried")]
    private partial void LogEpisodeFailed(string instanceId, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Instance {InstanceId} was committed by another worker (attempt {Attempt}); retrying")]
    private partial void LogConflict(string instanceId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Instance {InstanceId}: {EventType} failed {Deliveries} times and was dead-lettered. Last error: {LastError}")]
    private partial void LogDeadLettered(string instanceId, string eventType, long deliveries, string lastError);
}
