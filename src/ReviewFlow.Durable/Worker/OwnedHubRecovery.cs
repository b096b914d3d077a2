using ReviewFlow.Durable.History;
using ReviewFlow.Durable.Storage;

namespace ReviewFlow.Durable.Worker;

/// <summary>
/// The start of a worker that owns its task hub (<see cref="DurableWorkerOptions.OwnsTaskHub"/>). Such a worker keeps
/// its orchestrations' timers in memory only and runs their activities with no queue message to guard them, so what
/// a crash of an earlier run left undone lives only in the instances' state rows. Before the dispatchers start, it
/// reads every instance once and puts that back: the timers its history shows open, the activities it shows
/// unfinished, and the last episode's outbox. Every step is safe to repeat; on a new task hub it is one empty query.
/// </summary>
internal sealed class OwnedHubRecovery(InstanceStore instances, TimerStore timers, OutboxExecutor outbox)
{
    /// <summary>Recovers every instance; returns how many were running.</summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var running = 0;
        await foreach (var instanceId in instances.ListInstanceIdsAsync(cancellationToken))
        {
            var state = await instances.LoadAsync(instanceId, cancellationToken);
            var resent = new List<int>();
            if (state.Status == OrchestrationRuntimeStatus.Running && state.ExecutionId is { } executionId)
            {
                running++;
                RestoreOpenTimers(state, executionId);
                resent = await outbox.ResendUnfinishedActivitiesAsync(state, [], cancellationToken);
            }

            // After the timers: the outbox's own deletions then drop the ones its episode cancelled. The activities
            // just re-sent count as settled, so they are not sent twice.
            if (state.Outbox.Count > 0)
            {
                await outbox.CarryOutAsync(state, state.Outbox, recovering: true, cancellationToken, alsoSettled: resent);
            }
        }

        return running;
    }

    private void RestoreOpenTimers(InstanceState state, string executionId)
    {
        foreach (var created in HistoryTimers.Unfired(state.History))
        {
            timers.Restore(ScheduleTimer.ForOrchestration(state.InstanceId, executionId, created.TaskId, created.FireAt));
        }
    }
}
