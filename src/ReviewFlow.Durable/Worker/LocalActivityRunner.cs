using Microsoft.Extensions.Logging;
using ReviewFlow.Durable.History;
using ReviewFlow.Durable.Storage;

namespace ReviewFlow.Durable.Worker;

/// <summary>
/// Runs, in this process, the activities this process's episodes schedule, saving the work item's and the
/// result's queue round trips. Crash safety comes from the instance's guard: the dispatcher keeps one of the
/// instance's control messages undeleted (and invisible) while any local activity is outstanding, i.e.
/// until its result is committed or parked on a queue. If the process dies, the guard reappears and the
/// worker that receives it re-sends the activities history shows as unfinished.
/// </summary>
internal sealed partial class LocalActivityRunner(
    ActivityExecutor executor,
    ActivitySlots slots,
    LocalInbox inbox,
    TaskHubStorage storage,
    QueueCodec codec,
    WorkTracker tracker,
    ILogger<LocalActivityRunner> logger)
{
    private readonly Dictionary<string, HashSet<(string ExecutionId, int TaskId)>> _outstanding = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>True while a local activity of the instance has a result that is not yet durable.</summary>
    public bool HasOutstanding(string instanceId)
    {
        lock (_lock)
        {
            return _outstanding.ContainsKey(instanceId);
        }
    }

    public bool IsOutstanding(string instanceId, string executionId, int taskId)
    {
        lock (_lock)
        {
            return _outstanding.TryGetValue(instanceId, out var tasks) && tasks.Contains((executionId, taskId));
        }
    }

    public void Start(ActivityWorkItem workItem)
    {
        lock (_lock)
        {
            if (!_outstanding.TryGetValue(workItem.InstanceId, out var tasks))
            {
                _outstanding[workItem.InstanceId] = tasks = [];
            }

            if (!tasks.Add((workItem.ExecutionId, workItem.TaskId)))
            {
                return; // already running here
            }
        }

        tracker.Started();
        _ = Task.Run(() => RunAsync(workItem), CancellationToken.None);
    }

    /// <summary>The result of this task is durable now (committed, or parked on a queue).</summary>
    public void Settle(string instanceId, string executionId, int taskId)
    {
        lock (_lock)
        {
            if (_outstanding.TryGetValue(instanceId, out var tasks) && tasks.Remove((executionId, taskId)) && tasks.Count == 0)
            {
                _outstanding.Remove(instanceId);
            }
        }
    }

    private async Task RunAsync(ActivityWorkItem workItem)
    {
        try
        {
            HistoryEvent outcome;
            await slots.EnterAsync(CancellationToken.None);
            try
            {
                outcome = await executor.ExecuteAsync(workItem, workItem.PriorAttempts + 1, CancellationToken.None);
            }
            finally
            {
                slots.Exit();
            }

            var delivery = new LocalResultDelivery(new ControlMessage(workItem.InstanceId, workItem.ExecutionId, outcome), this, storage, codec);
            if (!inbox.TryPost(delivery))
            {
                await delivery.ReleaseAsync(); // the worker is stopping: park the result on the queue
            }
        }
        catch (Exception failure)
        {
            // Could not even run it here (for example not registered in this worker): hand it to the
            // work-item queue, counting this attempt, so any worker can retry it or dead-letter it.
            LogLocalRunFailed(workItem.Name, workItem.InstanceId, failure);
            await HandToQueueAsync(workItem with { PriorAttempts = workItem.PriorAttempts + 1 }, failure);
        }
        finally
        {
            tracker.Finished();
        }
    }

    private async Task HandToQueueAsync(ActivityWorkItem workItem, Exception failure)
    {
        var parked = workItem with { LastError = $"{failure.GetType().Name}: {failure.Message}" };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await codec.SendAsync(storage.WorkItems, parked, workItem.InstanceId, CancellationToken.None);
                break;
            }
            catch (Exception sendFailure)
            {
                // Until it is on the queue the activity stays outstanding and the guard stays held, so keep
                // trying: storage being unreachable stops every other worker too.
                LogHandOverFailed(workItem.Name, workItem.InstanceId, attempt, sendFailure);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt * 2)));
            }
        }

        Settle(workItem.InstanceId, workItem.ExecutionId, workItem.TaskId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity {Activity} of instance {InstanceId} could not run locally; it goes through the work-item queue")]
    private partial void LogLocalRunFailed(string activity, string instanceId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Activity {Activity} of instance {InstanceId} could not be handed to the work-item queue (attempt {Attempt}); retrying")]
    private partial void LogHandOverFailed(string activity, string instanceId, int attempt, Exception exception);
}
