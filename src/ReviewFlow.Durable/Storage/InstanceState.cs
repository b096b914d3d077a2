using Azure;
using ReviewFlow.Durable.History;

namespace ReviewFlow.Durable.Storage;

/// <summary>
/// Everything the orchestration dispatcher needs about one instance: the state row of its History
/// partition and the history of its current execution. Workers cache it between episodes so the hot
/// path never re-reads history it already holds.
/// </summary>
internal sealed class InstanceState(string instanceId)
{
    public string InstanceId { get; } = instanceId;

    /// <summary>ETag of the state row; null when the row does not exist yet.</summary>
    public ETag? ETag { get; set; }

    public string? Name { get; set; }

    public string? Version { get; set; }

    public string? ExecutionId { get; set; }

    public OrchestrationRuntimeStatus Status { get; set; } = OrchestrationRuntimeStatus.Pending;

    public bool Started => ExecutionId is not null && History.Count > 0;

    /// <summary>Commits so far across all executions; orders writes of the Instances row.</summary>
    public long Revision { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The start time a client asked for, if it delayed the start.</summary>
    public DateTime? ScheduledStartAt { get; set; }

    public string? Input { get; set; }

    public string? CustomStatus { get; set; }

    public ParentInstance? Parent { get; set; }

    /// <summary>History of the current execution, oldest first.</summary>
    public List<HistoryEvent> History { get; set; } = [];

    /// <summary>
    /// Events waiting to be applied: they arrived before the instance started, while it was suspended,
    /// or were carried over by ContinueAsNew (which also puts the new ExecutionStarted here).
    /// </summary>
    public List<HistoryEvent> Pending { get; set; } = [];

    /// <summary>Side effects of the last committed episode.</summary>
    public List<OutboxItem> Outbox { get; set; } = [];

    /// <summary>True when this process knows <see cref="Outbox"/> was carried out.</summary>
    public bool OutboxDone { get; set; }

    /// <summary>What the state row holds as of <see cref="ETag"/>, so the next commit can send only what is new; null when unknown.</summary>
    public StoredRow? Stored { get; set; }
}
