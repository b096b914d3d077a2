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
    QueueBacklog backlog,
    OrchestrationProcessor processor,
    WorkSignals signals,
    WorkTracker tracker,
    ErrorMemory errors,
    LocalInbox localInbox,
    LocalActivityRunner localActivities,
    IOptions<DurableWorkerOptions> options,
    ILogger<ControlQueueDispatcher> logger)
{
    private const int MaxHeldMessages = 2_000;
    private readonly DurableWorkerOptions _options = options.Value;
    private readonly Dictionary<string, List<Delivery>> _byInstance = new(StringComparer.Ordinal);

    // One undeleted control message per instance with activities running in this process: if the
    // process dies, it reappears and tells the next worker to re-send them (see LocalActivityRunner).
    private readonly Dictionary<string, Delivery> _guards = new(StringComparer.Ordinal);
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
            decoded = await ReadAsync(message.MessageText, cancellationToken);
        }
        catch (Exception unreadable) when (unreadable is not OperationCanceledException)
        {
            LogUnreadable(queue.Name, message.MessageId, unreadable);
            await QueueMessageRetry.ParkAsync(storage.Poison, queue, message, backlog, cancellationToken);
            return;
        }

        // Past the limit a message still gets one more try: deliveries also pile up when a busy worker
        // holds a message past its visibility timeout, and a message that then succeeds is not poison.
        // Only one that keeps failing (or keeps killing its worker, far past the limit) is dead-lettered.
        var delivery = new QueueDelivery(queue, message, decoded, backlog);
        if (IsPastRetries(delivery))
        {
            await DeadLetterAsync(delivery, cancellationToken);
            return;
        }

        Hold(delivery, cancellationToken);
    }

    /// <summary>Decodes a control message; JSON of another shape (a work item on the wrong queue) is unreadable too.</summary>
    private async Task<ControlMessage> ReadAsync(string text, CancellationToken cancellationToken)
    {
        var decoded = await codec.ReadAsync<ControlMessage>(text, cancellationToken);
        return decoded is { InstanceId: not null, Event: not null }
            ? decoded
            : throw new System.Text.Json.JsonException("The message is not a control message (no instance id or event).");
    }

    private bool IsPastRetries(Delivery delivery) => delivery.DequeueCount > 2L * _options.MaxDequeueCount;

    /// <summary>
    /// Processes one control message someone else received (the Azure Functions host), through the same
    /// decode, dead-letter and episode path as a polled message, and says what the caller should answer.
    /// </summary>
    public async Task<DeliveryResult> ProcessDeliveredAsync(DeliveredMessage message, CancellationToken cancellationToken)
    {
        ControlMessage decoded;
        try
        {
            decoded = await ReadAsync(message.Text, cancellationToken);
        }
        catch (Exception unreadable) when (unreadable is not OperationCanceledException)
        {
            LogUnreadable(message.QueueName, message.Id, unreadable);
            await storage.Poison.SendMessageAsync(message.Text, cancellationToken);
            return DeliveryResult.Parked;
        }

        var delivery = new HostedDelivery(message.Id, message.Text, message.DequeueCount, decoded);
        if (IsPastRetries(delivery))
        {
            await DeadLetterAsync(delivery, cancellationToken);
            return delivery.Result;
        }

        tracker.Started();
        try
        {
            await ProcessBatchAsync(decoded.InstanceId, [delivery], cancellationToken);
        }
        finally
        {
            tracker.Finished();
        }

        return delivery.Result;
    }

    /// <summary>Starts taking results of activities this process runs itself (see <see cref="LocalActivityRunner"/>).</summary>
    public void AttachLocalInbox(CancellationToken cancellationToken) => localInbox.Attach(delivery => Hold(delivery, cancellationToken));

    /// <summary>Stops taking local results; activities finishing later hand theirs to the queue.</summary>
    public void DetachLocalInbox() => localInbox.Detach();

    private void Hold(Delivery received, CancellationToken cancellationToken)
    {
        var decoded = received.Message;
        tracker.Started();
        Interlocked.Increment(ref _held);
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
            List<Delivery> batch;
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

    private async Task ProcessBatchAsync(string instanceId, List<Delivery> batch, CancellationToken cancellationToken)
    {
        const int maxConflictRetries = 5;
        for (var attempt = 1; attempt <= maxConflictRetries; attempt++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                // Shutting down: hand the messages back at once so another worker carries on without waiting.
                await Task.WhenAll(batch.Select(r => r.ReleaseAsync()));
                return;
            }

            ProcessOutcome outcome;
            try
            {
                bool guarded;
                lock (_lock)
                {
                    guarded = _guards.ContainsKey(instanceId);
                }

                // A timer row fired again with none of its activities running here outlived a crashed worker.
                var redelivered = batch.Any(d => d.CountsDeliveries && d.DequeueCount > 1)
                    || (batch.Any(d => d is LocalTimerDelivery) && !localActivities.HasOutstanding(instanceId));
                var options = new EpisodeOptions(
                    AllowLocalActivities: guarded || batch.Any(d => d.CanGuard),
                    Redelivered: redelivered,
                    MayBeNew: attempt == 1 && !redelivered);
                outcome = await processor.ProcessAsync(instanceId, [.. batch.Select(r => r.Message)], options, cancellationToken);
            }
            catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
            {
                LogEpisodeFailed(instanceId, failure);
                foreach (var received in batch)
                {
                    errors.Remember(received.Id, failure);
                }

                await Task.WhenAll(batch.Select(r => r.CountsDeliveries && r.DequeueCount >= _options.MaxDequeueCount
                    ? DeadLetterAsync(r, CancellationToken.None)
                    : r.AbandonAsync(_options.RetryBackoff)));
                await ReleaseGuardIfUnneededAsync(instanceId);
                return;
            }
            catch (OperationCanceledException)
            {
                await Task.WhenAll(batch.Select(r => r.ReleaseAsync()));
                return;
            }

            if (outcome == ProcessOutcome.Done)
            {
                foreach (var received in batch)
                {
                    errors.Forget(received.Id);
                }

                await CompleteBatchAsync(instanceId, batch);
                return;
            }

            // Another worker committed this instance first: try again against its fresh state.
            Interlocked.Increment(ref _conflicts);
            LogConflict(instanceId, attempt);
            await Task.Delay(Random.Shared.Next(5, 50) * attempt, CancellationToken.None);
        }

        await Task.WhenAll(batch.Select(r => r.AbandonAsync(_options.RetryBackoff)));
    }

    /// <summary>
    /// Removes the batch's messages, except that while local activities of the instance are outstanding one
    /// control message stays (undeleted, invisible) as the instance's guard.
    /// </summary>
    private async Task CompleteBatchAsync(string instanceId, List<Delivery> batch)
    {
        await Task.WhenAll(batch.Where(d => !d.CanGuard).Select(d => d.CompleteAsync()));
        var queued = batch.Where(d => d.CanGuard).ToList();
        lock (_lock)
        {
            if (localActivities.HasOutstanding(instanceId) && !_guards.ContainsKey(instanceId) && queued.Count > 0)
            {
                _guards[instanceId] = queued[^1];
                queued.RemoveAt(queued.Count - 1);
            }
        }

        await Task.WhenAll(queued.Select(d => d.CompleteAsync()));
        await ReleaseGuardIfUnneededAsync(instanceId);
    }

    private async Task ReleaseGuardIfUnneededAsync(string instanceId)
    {
        Delivery? guard = null;
        lock (_lock)
        {
            if (!localActivities.HasOutstanding(instanceId))
            {
                _guards.Remove(instanceId, out guard);
            }
        }

        if (guard is not null)
        {
            await guard.CompleteAsync();
        }
    }

    /// <summary>Keeps guards hidden while their activities run (renews those older than half the visibility timeout).</summary>
    public async Task RenewGuardsAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            List<QueueDelivery> due;
            lock (_lock)
            {
                due = [.. _guards.Values.OfType<QueueDelivery>().Where(g => System.Diagnostics.Stopwatch.GetElapsedTime(g.HiddenSince) > _options.VisibilityTimeout / 2)];
            }

            foreach (var guard in due)
            {
                try
                {
                    await guard.RenewAsync(_options.VisibilityTimeout);
                }
                catch (Azure.RequestFailedException renewFailure)
                {
                    // Lost it (deleted meanwhile, or it already reappeared): the next worker recovers from history.
                    LogGuardLost(guard.Message.InstanceId, renewFailure.Status);
                }
            }
        }
    }

    /// <summary>On shutdown, after the drain: make every guard visible, so another worker recovers what is left.</summary>
    public async Task ReleaseGuardsAsync()
    {
        List<Delivery> guards;
        lock (_lock)
        {
            guards = [.. _guards.Values];
            _guards.Clear();
        }

        await Task.WhenAll(guards.Select(g => g.ReleaseAsync()));
    }

    private async Task DeadLetterAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var decoded = delivery.Message;
        var lastError = errors.Recall(delivery.Id);
        LogDeadLettered(decoded.InstanceId, decoded.Event.GetType().Name, delivery.DequeueCount, lastError);

        // Fail the instance first (a message like any other, so the single-writer rule holds), then park the original.
        // A failure notice that itself cannot be processed is only parked, or it would loop.
        if (decoded.Event is WorkItemDeadLettered)
        {
            await delivery.ParkAsync(storage.Poison, cancellationToken);
            return;
        }

        var failure = new WorkItemDeadLettered($"Control message '{decoded.Event.GetType().Name}'", (int)delivery.DequeueCount, lastError);
        await codec.SendControlAsync(storage, new ControlMessage(decoded.InstanceId, null, failure), cancellationToken);
        await delivery.ParkAsync(storage.Poison, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Guard message of instance {InstanceId} could not be renewed (status {Status})")]
    private partial void LogGuardLost(string instanceId, int status);

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
