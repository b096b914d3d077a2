using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace ReviewFlow.Bench.Measurement;

/// <summary>
/// Breaks storage traffic down by kind of request, for engine and observer separately, with durations.
/// <see cref="Durable.Storage.StorageOperationCounter"/> gives only a total and the engine creates its
/// storage clients itself, so this listens one level lower, to the HttpClient activities every Azure SDK
/// request produces. It counts HTTP attempts: equal to the counter's total unless the SDK retried.
/// </summary>
internal sealed class StorageTrafficRecorder : IDisposable
{
    private const string HttpActivitySource = "System.Net.Http";

    private readonly RequestKind _kinds;
    private readonly ActivityListener _listener;
    private ConcurrentDictionary<(bool Observer, string Kind), RequestStats> _stats = new();

    public StorageTrafficRecorder(RequestKind kinds)
    {
        _kinds = kinds;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == HttpActivitySource,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = OnStopped,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Forgets everything so far (after warm-up).</summary>
    public void Reset() => Interlocked.Exchange(ref _stats, new ConcurrentDictionary<(bool, string), RequestStats>());

    /// <summary>The traffic since the last reset, one entry per (observer?, kind).</summary>
    public IReadOnlyList<RequestKindTotals> Snapshot()
        => [.. Volatile.Read(ref _stats).Select(entry =>
        {
            var (count, notSuccess, durations) = entry.Value.Snapshot();
            return new RequestKindTotals(entry.Key.Observer, entry.Key.Kind, count, notSuccess, durations);
        })];

    public void Dispose() => _listener.Dispose();

    private void OnStopped(Activity activity)
    {
        var url = activity.GetTagItem("url.full") as string;
        var method = activity.GetTagItem("http.request.method_original") as string
            ?? activity.GetTagItem("http.request.method") as string
            ?? "?";
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return;
        }

        var kind = _kinds.Classify(method, uri.Port, uri.AbsolutePath);
        var status = Convert.ToInt32(activity.GetTagItem("http.response.status_code") ?? 0, CultureInfo.InvariantCulture);
        var stats = Volatile.Read(ref _stats).GetOrAdd((ObserverTraffic.IsCurrent, kind), _ => new RequestStats());
        stats.Add(activity.Duration.TotalMilliseconds, status is >= 200 and < 300);
    }
}

/// <summary>Totals of one kind of request.</summary>
internal sealed record RequestKindTotals(bool Observer, string Kind, int Count, int NotSuccess, double[] DurationsMs);
