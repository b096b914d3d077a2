using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace ReviewFlow.Durable.Diagnostics;

/// <summary>
/// One trace per execution, whichever process runs its episodes and activities: the trace id and the parent span
/// id are derived from the instance and execution ids, so every worker computes the same parent without the queue
/// messages carrying a trace context. The parent span itself is never emitted (it would have to stay open for
/// weeks); backends show the episodes and queued activities as children of a missing root, grouped by trace id.
/// </summary>
internal static class ExecutionTrace
{
    public static ActivityContext For(string instanceId, string? executionId)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{instanceId}\n{executionId}"));
        var traceId = ActivityTraceId.CreateFromBytes(digest.AsSpan(0, 16));
        var spanId = ActivitySpanId.CreateFromBytes(digest.AsSpan(16, 8));

        // Recorded: a parent-based sampler keeps the execution's spans (the root is not there to decide).
        return new ActivityContext(traceId, spanId, ActivityTraceFlags.Recorded, isRemote: true);
    }

    /// <summary>
    /// The parent of a span of this execution: the ambient span when it already belongs to the execution's trace
    /// (an activity run in the process whose episode scheduled it), otherwise the derived context.
    /// </summary>
    public static ActivityContext ParentFor(string instanceId, string? executionId, out ActivityLink[]? links)
    {
        var derived = For(instanceId, executionId);
        links = null;
        if (Activity.Current is not { } ambient)
        {
            return derived;
        }

        if (ambient.TraceId == derived.TraceId)
        {
            return ambient.Context;
        }

        // Something else is in progress (the Functions host's HTTP invocation): link to it rather than adopt it, so
        // the execution keeps one trace however its work arrives.
        links = [new ActivityLink(ambient.Context)];
        return derived;
    }
}
