using Azure;
using ReviewFlow.Durable.Diagnostics;
using ReviewFlow.Durable.History;
using ReviewFlow.Durable.Storage;

namespace ReviewFlow.Durable.Worker;

/// <summary>Carries out an episode's side effects after its commit; every item is safe to repeat.</summary>
internal sealed class OutboxExecutor(
    TaskHubStorage storage,
    QueueCodec codec,
    TimerStore timers,
    InstanceTable instances,
    WorkSignals signals,
    LocalInbox localInbox,
    LocalActivityRunner localActivities,
    Microsoft.Extensions.Options.IOptions<DurableWorkerOptions> options)
{
    /// <summary>
    /// Carries out the items. When <paramref name="recovering"/>, items whose outcome history already
    /// holds are skipped: they were carried out before this process took over.
    /// </summary>
    public async Task CarryOutAsync(
        InstanceState state,
        IReadOnlyList<OutboxItem> items,
        bool recovering,
        CancellationToken cancellationToken,
        IEnumerable<int>? alsoSettled = null,
        bool allowLocalActivities = false)
    {
        var settled = recovering ? SettledTaskIds(state) : [];
        settled.UnionWith(alsoSettled ?? []);
        var work = new List<Task>(items.Count);
        foreach (var item in items)
        {
            switch (item)
            {
                case SendActivity { WorkItem: var workItem } when !(workItem.ExecutionId == state.ExecutionId && settled.Contains(workItem.TaskId)):
                    work.Add(SendActivityAsync(workItem, runHere: allowLocalActivities && !recovering && options.Value.LocalActivityDispatch && localInbox.IsAttached, cancellationToken));
                    break;
                case SendControl { Message: var message }:
                    work.Add(SendControlAsync(message, cancellationToken));
                    break;
                case ScheduleTimer timer when !(timer.Message.ExecutionId == state.ExecutionId && timer.Message.Event is TaskEvent e && settled.Contains(e.TaskId)):
                    work.Add(ScheduleTimerAsync(timer, cancellationToken));
                    break;
                case DeleteTimer timer:
                    work.Add(DeleteTimerAsync(timer, cancellationToken));
                    break;
                case UpdateInstanceRow { Row: var row }:
                    work.Add(recovering ? instances.UpsertIfNotOlderAsync(row, cancellationToken) : instances.UpsertAsync(row, cancellationToken));
                    break;
                default:
                    break;
            }
        }

        await Task.WhenAll(work);
    }

    private async Task SendActivityAsync(ActivityWorkItem workItem, bool runHere, CancellationToken cancellationToken)
    {
        EngineMetrics.ActivitiesDispatched.Add(1, new KeyValuePair<string, object?>(TelemetryTags.Dispatch, runHere ? "local" : "queue"));
        if (runHere)
        {
            localActivities.Start(workItem); // no queue message: the instance's guard covers a crash
            return;
        }

        await codec.SendAsync(storage.WorkItems, workItem, workItem.InstanceId, cancellationToken);
        signals.ActivityQueued();
    }

    /// <summary>
    /// After a crash: re-sends, through the work-item queue, every activity history shows as scheduled
    /// but unfinished, except those still running in this process. Some may have finished in the dead
    /// process; their duplicate results are dropped. Returns the task ids re-sent.
    /// </summary>
    public async Task<List<int>> ResendUnfinishedActivitiesAsync(InstanceState state, IEnumerable<int> settledNow, CancellationToken cancellationToken)
    {
        var settled = SettledTaskIds(state);
        settled.UnionWith(settledNow);
        var unfinished = state.History.OfType<TaskScheduled>()
            .Where(s => !settled.Contains(s.TaskId) && !localActivities.IsOutstanding(state.InstanceId, state.ExecutionId!, s.TaskId))
            .Select(s => new ActivityWorkItem(state.InstanceId, state.ExecutionId!, s.TaskId, s.Name, s.Input))
            .ToList();
        await Task.WhenAll(unfinished.Select(w => codec.SendAsync(storage.WorkItems, w, w.InstanceId, cancellationToken)));
        if (unfinished.Count > 0)
        {
            EngineMetrics.ActivitiesResent.Add(unfinished.Count);
            signals.ActivityQueued();
        }

        return [.. unfinished.Select(w => w.TaskId)];
    }

    private async Task SendControlAsync(ControlMessage message, CancellationToken cancellationToken)
    {
        await codec.SendControlAsync(storage, message, cancellationToken);
        signals.ControlQueued(TaskHubStorage.PartitionOf(message.InstanceId, storage.ControlQueues.Count));
    }

    private async Task ScheduleTimerAsync(ScheduleTimer timer, CancellationToken cancellationToken)
    {
        await timers.ScheduleAsync(timer.FireAt, timer.TimerKey, timer.Message, cancellationToken, recordedInHistory: true);
        signals.TimerScheduled();
    }

    private async Task DeleteTimerAsync(DeleteTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            await timers.DeleteAsync(timer.FireAt, timer.TimerKey, cancellationToken);
        }
        catch (RequestFailedException gone) when (gone.Status == 404)
        {
            // Already delivered or deleted: nothing to do.
        }
    }

    private static HashSet<int> SettledTaskIds(InstanceState state)
        => [.. state.History.OfType<TaskEvent>().Where(e => e is TaskCompleted or TaskFailed or TimerFired).Select(e => e.TaskId)];
}
