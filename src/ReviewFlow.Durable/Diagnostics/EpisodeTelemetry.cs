using System.Diagnostics;

namespace ReviewFlow.Durable.Diagnostics;

/// <summary>
/// The span ("orchestration {name}") and count of one episode: a replay of the orchestrator plus the commit of what
/// it decided and the carrying out of its outbox. Activities this process runs for the episode start inside the
/// span, so they become its children. No log scope here: it would flow into those activities too and give their
/// lines two instance ids and two steps.
/// </summary>
internal sealed class EpisodeTelemetry : IDisposable
{
    private readonly Activity? _span;
    private readonly string _name;
    private bool _ended;

    private EpisodeTelemetry(Activity? span, string name)
    {
        _span = span;
        _name = name;
    }

    public static EpisodeTelemetry Start(string instanceId, string? executionId, string name, IInstanceTelemetryIdentity identity)
    {
        var who = identity.Describe(instanceId);
        var parent = ExecutionTrace.ParentFor(instanceId, executionId, out var links);
        var span = DurableTelemetry.Source.StartActivity($"orchestration {name}", ActivityKind.Internal, parent, links: links);
        if (span is not null)
        {
            span.SetTag(TelemetryTags.Orchestration, name);
            span.SetTag(TelemetryTags.InstanceId, who.InstanceId);
            span.SetTag(TelemetryTags.ExecutionId, executionId);
            span.SetTag(TelemetryTags.SellerHash, who.SellerHash);
        }

        return new EpisodeTelemetry(span, name);
    }

    /// <summary>The episode's history is stored; <paramref name="status"/> is the instance's status now.</summary>
    public void Committed(OrchestrationRuntimeStatus status)
        => End("committed", status.ToString(), status == OrchestrationRuntimeStatus.Failed ? ActivityStatusCode.Error : ActivityStatusCode.Ok);

    /// <summary>Another worker committed first; the batch is processed again.</summary>
    public void Conflicted() => End("conflict", null, ActivityStatusCode.Unset);

    private void End(string outcome, string? status, ActivityStatusCode code)
    {
        _ended = true;
        EngineMetrics.Episodes.Add(
            1,
            new KeyValuePair<string, object?>(TelemetryTags.Orchestration, _name),
            new KeyValuePair<string, object?>(TelemetryTags.Outcome, outcome),
            new KeyValuePair<string, object?>(TelemetryTags.Status, status));
        if (_span is not null)
        {
            _span.SetTag(TelemetryTags.Outcome, outcome);
            _span.SetTag(TelemetryTags.Status, status);
            _span.SetStatus(code);
        }
    }

    public void Dispose()
    {
        if (!_ended)
        {
            // Left by an exception: the batch will be retried.
            _span?.SetStatus(ActivityStatusCode.Error, "episode did not finish");
        }

        _span?.Dispose();
    }
}
