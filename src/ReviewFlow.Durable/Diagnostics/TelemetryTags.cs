namespace ReviewFlow.Durable.Diagnostics;

/// <summary>Tag (attribute) names on the engine's spans and metrics, and the log scope's keys.</summary>
public static class TelemetryTags
{
    /// <summary>The instance id as telemetry may show it (see <see cref="IInstanceTelemetryIdentity"/>).</summary>
    public const string InstanceId = "reviewflow.instance_id";

    /// <summary>The execution id (changes on ContinueAsNew).</summary>
    public const string ExecutionId = "reviewflow.execution_id";

    /// <summary>First 12 hex characters of the SHA-256 of the seller id, when the instance belongs to one seller.</summary>
    public const string SellerHash = "reviewflow.seller_hash";

    /// <summary>The orchestrator's name.</summary>
    public const string Orchestration = "reviewflow.orchestration";

    /// <summary>The activity's name.</summary>
    public const string Activity = "reviewflow.activity";

    /// <summary>The task's sequence number within its execution.</summary>
    public const string TaskId = "reviewflow.task_id";

    /// <summary>1 on first delivery; higher when redelivered.</summary>
    public const string Attempt = "reviewflow.attempt";

    /// <summary>The instance's runtime status after an episode.</summary>
    public const string Status = "reviewflow.status";

    /// <summary>How an episode or an activity ended ("committed", "conflict", "completed", "failed").</summary>
    public const string Outcome = "reviewflow.outcome";

    /// <summary>How an activity was handed out: "local" (this process) or "queue".</summary>
    public const string Dispatch = "reviewflow.dispatch";

    /// <summary>Log scope key of the instance id (redacted like the tag).</summary>
    public const string ScopeInstanceId = "InstanceId";

    /// <summary>Log scope key of the hashed seller id.</summary>
    public const string ScopeSellerHash = "SellerHash";

    /// <summary>Log scope key of the step: the activity's name.</summary>
    public const string ScopeStep = "Step";
}
