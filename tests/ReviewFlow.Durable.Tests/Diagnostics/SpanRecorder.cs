using System.Collections.Concurrent;
using System.Diagnostics;
using ReviewFlow.Durable.Diagnostics;

namespace ReviewFlow.Durable.Tests.Diagnostics;

/// <summary>Collects the engine's finished spans. The listener is process-wide, so callers filter by instance.</summary>
internal sealed class SpanRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _spans = new();

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == DurableTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public List<Activity> Of(string instanceId)
        => [.. _spans.Where(s => Equals(s.GetTagItem(TelemetryTags.InstanceId), instanceId))];

    /// <summary>
    /// The instance's spans once <paramref name="episodes"/> episode spans have ended: the last episode's span ends
    /// just after the client can see the instance completed.
    /// </summary>
    public async Task<List<Activity>> WaitForAsync(string instanceId, int episodes)
    {
        for (var i = 0; i < 100 && Of(instanceId).Count(IsEpisode) < episodes; i++)
        {
            await Task.Delay(20);
        }

        return Of(instanceId);
    }

    public static bool IsEpisode(Activity span) => span.OperationName.StartsWith("orchestration ", StringComparison.Ordinal);

    public static bool IsActivity(Activity span) => span.OperationName.StartsWith("activity ", StringComparison.Ordinal);

    public void Dispose() => _listener.Dispose();
}
