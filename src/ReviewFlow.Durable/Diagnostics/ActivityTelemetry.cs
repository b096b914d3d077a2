using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ReviewFlow.Durable.History;

namespace ReviewFlow.Durable.Diagnostics;

/// <summary>
/// The span ("activity {name}"), log scope and counts of one activity execution. The scope carries the instance
/// id, the hashed seller id and the step, so every line the activity (and the adapters it calls) logs carries them.
/// </summary>
internal sealed class ActivityTelemetry : IDisposable
{
    private readonly Activity? _span;
    private readonly IDisposable? _scope;
    private readonly KeyValuePair<string, object?> _name;
    private readonly long _started = Stopwatch.GetTimestamp();
    private bool _ended;

    private ActivityTelemetry(Activity? span, IDisposable? scope, string name)
    {
        _span = span;
        _scope = scope;
        _name = new(TelemetryTags.Activity, name);
    }

    public static ActivityTelemetry Start(ActivityWorkItem workItem, int attempt, IInstanceTelemetryIdentity identity, ILogger logger)
    {
        var who = identity.Describe(workItem.InstanceId);
        var parent = ExecutionTrace.ParentFor(workItem.InstanceId, workItem.ExecutionId, out var links);
        var span = DurableTelemetry.Source.StartActivity($"activity {workItem.Name}", ActivityKind.Internal, parent, links: links);
        if (span is not null)
        {
            span.SetTag(TelemetryTags.Activity, workItem.Name);
            span.SetTag(TelemetryTags.InstanceId, who.InstanceId);
            span.SetTag(TelemetryTags.ExecutionId, workItem.ExecutionId);
            span.SetTag(TelemetryTags.TaskId, workItem.TaskId);
            span.SetTag(TelemetryTags.Attempt, attempt);
            span.SetTag(TelemetryTags.SellerHash, who.SellerHash);
        }

        return new ActivityTelemetry(span, logger.BeginScope(new TelemetryScope(who, workItem.Name)), workItem.Name);
    }

    public void Completed() => End("completed", ActivityStatusCode.Ok, null);

    /// <summary>The activity threw; only the exception's type is recorded, as its message may carry personal data.</summary>
    public void Failed(Exception failure) => End("failed", ActivityStatusCode.Error, failure.GetType().Name);

    private void End(string outcome, ActivityStatusCode code, string? description)
    {
        _ended = true;
        var outcomeTag = new KeyValuePair<string, object?>(TelemetryTags.Outcome, outcome);
        EngineMetrics.Activities.Add(1, _name, outcomeTag);
        EngineMetrics.ActivityDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, _name, outcomeTag);
        _span?.SetTag(TelemetryTags.Outcome, outcome);
        _span?.SetStatus(code, description);
    }

    public void Dispose()
    {
        if (!_ended)
        {
            _span?.SetStatus(ActivityStatusCode.Error, "cancelled");
        }

        _span?.Dispose();
        _scope?.Dispose();
    }
}
