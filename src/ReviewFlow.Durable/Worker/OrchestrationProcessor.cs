using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReviewFlow.Durable.Diagnostics;
using ReviewFlow.Durable.History;
using ReviewFlow.Durable.Replay;
using ReviewFlow.Durable.Storage;

namespace ReviewFlow.Durable.Worker;

/// <summary>How the dispatcher wants a batch processed.</summary>
/// <param name="AllowLocalActivities">The dispatcher holds a guard message for the instance, so activities may run in this process.</param>
/// <param name="Redelivered">A message of the batch was delivered before (its worker may have died).</param>
/// <param name="MayBeNew">First try of a first delivery: a start message may skip the read of the state row.</param>
internal sealed record EpisodeOptions(bool AllowLocalActivities, bool Redelivered, bool MayBeNew = false)
{
    public static readonly EpisodeOptions Default = new(false, false);
}

/// <summary>The result of processing a batch of messages for one instance.</summary>
internal enum ProcessOutcome
{
    /// <summary>The messages are accounted for (committed, or dropped as duplicates or stale).</summary>
    Done,

    /// <summary>Another worker committed first; the batch must be processed again against fresh state.</summary>
    Conflict,
}

/// <summary>
/// Runs episodes for one instance: filters the incoming messages against history, replays the
/// orchestrator, commits the new history with its outbox in one ETag-guarded write, then
/// carries the outbox out. It is the only writer of an instance's state row.
/// </summary>
internal sealed partial class OrchestrationProcessor(
    InstanceStore store,
    InstanceCache cache,
    OutboxExecutor outbox,
    DurableTaskRegistry registry,
    IServiceProvider services,
    ILoggerFactory loggerFactory,
    TimeProvider clock,
    EngineCounters counters)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("ReviewFlow.Durable.Orchestrations");

    // Telemetry: an optional service, so the engine runs without any registration.
    private readonly IInstanceTelemetryIdentity _identity = services.GetService<IInstanceTelemetryIdentity>() ?? PassThroughIdentity.Instance;

    public Task<ProcessOutcome> ProcessAsync(string instanceId, IReadOnlyList<ControlMessage> messages, CancellationToken cancellationToken)
        => ProcessAsync(instanceId, messages, EpisodeOptions.Default, cancellationToken);

    public async Task<ProcessOutcome> ProcessAsync(string instanceId, IReadOnlyList<ControlMessage> messages, EpisodeOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await ProcessCoreAsync(instanceId, messages, options, cancellationToken);
        }
        catch
        {
            // The state may be half-updated in memory; the next attempt must start from storage.
            cache.Remove(instanceId);
            throw;
        }
    }

    private async Task<ProcessOutcome> ProcessCoreAsync(string instanceId, IReadOnlyList<ControlMessage> messages, EpisodeOptions options, CancellationToken cancellationToken)
    {
        var loadedFromStorage = false;
        var state = cache.Get(instanceId);
        if (state is null && options.MayBeNew && messages.Count > 0 && messages[0].Event is ExecutionStarted)
        {
            // Almost always a brand-new instance: skip the read. If the instance does exist after all,
            // the insert of its state row fails and the batch is retried against the stored state.
            state = new InstanceState(instanceId);
        }

        var incoming = state is null ? null : FilterDuplicates(state, messages);
        if (state is null || incoming!.Count < messages.Count)
        {
            // A message that looks stale or duplicated against cached state may instead be news from an
            // episode another worker committed: only storage can tell, so drop nothing on the cache's word.
            cache.Remove(instanceId);
            state = await store.LoadAsync(instanceId, cancellationToken);
            incoming = FilterDuplicates(state, messages);
            loadedFromStorage = true;
        }

        // Results arriving in this very batch show which tasks are done and need no resend.
        var settledNow = messages
            .Where(m => m.ExecutionId == state.ExecutionId && m.Event is TaskCompleted or TaskFailed or TimerFired)
            .Select(m => ((TaskEvent)m.Event).TaskId)
            .ToList();
        if (!state.OutboxDone)
        {
            // Loaded from storage with an outbox we cannot know was carried out (its worker may have died).
            await outbox.CarryOutAsync(state, state.Outbox, recovering: true, cancellationToken, settledNow);
            state.OutboxDone = true;
        }

        if (loadedFromStorage && options.Redelivered && state.Status == OrchestrationRuntimeStatus.Running)
        {
            // A message came back after its visibility timeout: the worker holding it may have died with
            // activities it was running itself, which left no trace but history.
            await outbox.ResendUnfinishedActivitiesAsync(state, settledNow, cancellationToken);
        }

        var firstPass = true;
        var deferred = new DeferredCommit();
        while (firstPass || HasStartPending(state))
        {
            var outcome = await RunEpisodeAsync(state, firstPass ? incoming : [], options, deferred, cancellationToken);
            if (outcome == ProcessOutcome.Conflict)
            {
                cache.Remove(instanceId);
                return ProcessOutcome.Conflict;
            }

            firstPass = false;
        }

        return ProcessOutcome.Done;
    }

    private static bool HasStartPending(InstanceState state)
        => state.Status == OrchestrationRuntimeStatus.Running && state.Pending.Count > 0 && state.Pending[0] is ExecutionStarted;

    /// <summary>Drops redelivered and stale messages: history is the record of what was applied.</summary>
    private static List<HistoryEvent> FilterDuplicates(InstanceState state, IReadOnlyList<ControlMessage> messages)
    {
        var applied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in state.History.Concat(state.Pending))
        {
            if (Identity(e) is { } id)
            {
                applied.Add(id);
            }
        }

        var scheduled = state.History.OfType<TaskEvent>()
            .Where(e => e is TaskScheduled or TimerCreated or SubOrchestrationCreated)
            .Select(e => e.TaskId)
            .ToHashSet();
        var kept = new List<HistoryEvent>(messages.Count);
        foreach (var message in messages)
        {
            var e = message.Event;
            var isCompletion = e is TaskCompleted or TaskFailed or TimerFired or SubOrchestrationCompleted or SubOrchestrationFailed;
            if (isCompletion && (message.ExecutionId != state.ExecutionId || !scheduled.Contains(((TaskEvent)e).TaskId)))
            {
                continue; // for an older execution, or for a task this execution never scheduled
            }

            if (e is WorkItemDeadLettered && message.ExecutionId is not null && message.ExecutionId != state.ExecutionId)
            {
                continue; // a work item of an execution that has already ended
            }

            if (e is ExecutionStarted && (state.ExecutionId is not null || kept.Any(k => k is ExecutionStarted)))
            {
                continue; // the instance exists already: starting it again is a no-op
            }

            if (Identity(e) is { } identity && !applied.Add(identity))
            {
                continue; // redelivered
            }

            kept.Add(e);
        }

        return kept;
    }

    /// <summary>What makes two copies of an event the same event.</summary>
    private static string? Identity(HistoryEvent e) => e switch
    {
        TaskCompleted or TaskFailed => $"task:{((TaskEvent)e).TaskId}",
        TimerFired t => $"timer:{t.TaskId}",
        SubOrchestrationCompleted or SubOrchestrationFailed => $"sub:{((TaskEvent)e).TaskId}",
        EventRaised r => $"event:{r.EventId}",
        _ => null,
    };

    /// <summary>
    /// An episode that continued as new, applied to the state in memory but not yet written: the new execution starts
    /// at once, in the same call, and its first episode commits both in one write. A crash before that write loses
    /// nothing (the messages are still undelivered); a conflict throws both away, like any lost commit.
    /// </summary>
    private sealed class DeferredCommit
    {
        // One execution at a time: code that continues as new without ever waiting must still commit as it goes.
        public const int MaxExecutions = 1;

        public List<OutboxItem> Outbox { get; set; } = [];

        public int Executions { get; set; }
    }

    private async Task<ProcessOutcome> RunEpisodeAsync(InstanceState state, List<HistoryEvent> incoming, EpisodeOptions options, DeferredCommit deferred, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var statusBefore = state.Status;
        var wasStarted = state.Started;
        var episode = new EpisodePlan(state, now);
        episode.Sort(incoming);

        if (episode.ToApply.Count == 0)
        {
            if (!episode.PendingChanged && deferred.Executions == 0)
            {
                return ProcessOutcome.Done;
            }

            // Only buffered events changed (the instance has not started, or is suspended), or an earlier episode waits to be written.
            return await CommitAsync(state, episode, options, deferred, cancellationToken) ? ProcessOutcome.Done : ProcessOutcome.Conflict;
        }

        var starting = episode.ToApply.OfType<ExecutionStarted>().FirstOrDefault();
        using var telemetry = EpisodeTelemetry.Start(
            state.InstanceId, state.ExecutionId ?? starting?.ExecutionId, state.Name ?? starting?.Name ?? "?", _identity);
        if (episode.Status == OrchestrationRuntimeStatus.Running)
        {
            var result = Replay(state, episode.ToApply, now);
            episode.Record(result, registry);
        }
        else
        {
            episode.RecordWithoutReplay();
        }

        if (episode.ContinuesAsNew && deferred.Executions < DeferredCommit.MaxExecutions)
        {
            episode.ApplyTo(state, deferred.Outbox);
            deferred.Outbox = state.Outbox;
            deferred.Executions++;
            state.History = episode.HistoryAfterCommit();
            counters.EpisodeCommitted();
            telemetry.Committed(state.Status);
            return ProcessOutcome.Done;
        }

        if (!await CommitAsync(state, episode, options, deferred, cancellationToken))
        {
            telemetry.Conflicted();
            return ProcessOutcome.Conflict;
        }

        telemetry.Committed(state.Status);

        if (state.Status != statusBefore || !wasStarted)
        {
            LogTransition(state.InstanceId, state.Name ?? "?", statusBefore, state.Status);
        }

        return ProcessOutcome.Done;
    }

    private ExecutionResult Replay(InstanceState state, List<HistoryEvent> toApply, DateTime now)
    {
        var type = registry.FindOrchestrator(state.Name!, state.Version!)
            ?? throw new TaskNotRegisteredException(
                $"Orchestrator '{state.Name}' version '{state.Version}' is not registered in this worker.");
        var orchestrator = (ITaskOrchestrator)ActivatorUtilities.CreateInstance(services, type);
        var newEvents = new List<HistoryEvent>(toApply.Count + 1) { new OrchestratorStarted { Timestamp = now } };
        newEvents.AddRange(toApply);
        return OrchestrationReplayer.Run(
            orchestrator, state.InstanceId, state.ExecutionId!, state.Name!, state.Version!, state.History, newEvents, loggerFactory);
    }

    private async Task<bool> CommitAsync(InstanceState state, EpisodePlan episode, EpisodeOptions options, DeferredCommit deferred, CancellationToken cancellationToken)
    {
        var history = episode.HistoryAfterCommit();
        episode.ApplyTo(state, deferred.Outbox);
        deferred.Outbox = [];
        deferred.Executions = 0;
        state.Revision++;
        if (!await store.TryCommitAsync(state, history, cancellationToken))
        {
            return false;
        }

        counters.EpisodeCommitted();
        state.History = history;
        cache.Set(state);
        await outbox.CarryOutAsync(state, state.Outbox, recovering: false, cancellationToken, allowLocalActivities: options.AllowLocalActivities);
        state.OutboxDone = true;
        return true;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Instance {InstanceId} ({Name}): {Before} -> {After}")]
    private partial void LogTransition(string instanceId, string name, OrchestrationRuntimeStatus before, OrchestrationRuntimeStatus after);
}
