namespace ReviewFlow.Durable;

/// <summary>What a client can read about an instance (mirrors <c>Microsoft.DurableTask.Client.OrchestrationMetadata</c>).</summary>
public sealed record OrchestrationMetadata(
    string InstanceId,
    string Name,
    string Version,
    OrchestrationRuntimeStatus RuntimeStatus,
    DateTime CreatedAt,
    DateTime LastUpdatedAt,
    DateTime? CompletedAt,
    DateTime? ScheduledStartAt,
    string? SerializedInput,
    string? SerializedOutput,
    string? SerializedCustomStatus,
    TaskFailureDetails? FailureDetails)
{
    /// <summary>True once the instance is completed, failed or terminated.</summary>
    public bool IsCompleted => RuntimeStatus.IsTerminal();

    /// <summary>Reads the input as <typeparamref name="T"/>.</summary>
    public T? ReadInputAs<T>() => DurableJson.Deserialize<T>(SerializedInput);

    /// <summary>Reads the output as <typeparamref name="T"/>.</summary>
    public T? ReadOutputAs<T>() => DurableJson.Deserialize<T>(SerializedOutput);

    /// <summary>Reads the custom status as <typeparamref name="T"/>.</summary>
    public T? ReadCustomStatusAs<T>() => DurableJson.Deserialize<T>(SerializedCustomStatus);
}

/// <summary>Options for starting an instance.</summary>
/// <param name="InstanceId">The id (a new GUID when null). Starting an id that exists is a no-op: use deterministic ids for idempotent starts.</param>
/// <param name="StartAt">Delay the start until this time (a durable timer holds it).</param>
/// <param name="Version">Orchestrator version (the newest registered when null).</param>
public sealed record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null, string? Version = null);

/// <summary>A query over instances; all filters are optional and combine with AND.</summary>
public sealed record OrchestrationQuery
{
    /// <summary>Only these statuses.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    /// <summary>Only this orchestrator name.</summary>
    public string? Name { get; init; }

    /// <summary>Only instance ids starting with this.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Only instances created at or after this.</summary>
    public DateTime? CreatedFrom { get; init; }

    /// <summary>Only instances created before this.</summary>
    public DateTime? CreatedTo { get; init; }

    /// <summary>Page size (1-1000).</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Continuation token from the previous page.</summary>
    public string? ContinuationToken { get; init; }
}

/// <summary>One page of a query.</summary>
public sealed record OrchestrationQueryPage(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken);
