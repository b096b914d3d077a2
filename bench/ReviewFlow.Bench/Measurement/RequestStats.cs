namespace ReviewFlow.Bench.Measurement;

/// <summary>Count and client-side durations of one kind of request; thread-safe.</summary>
internal sealed class RequestStats
{
    private readonly Lock _lock = new();
    private readonly List<double> _durationsMs = [];
    private int _notSuccess;

    public void Add(double durationMs, bool success)
    {
        lock (_lock)
        {
            _durationsMs.Add(durationMs);
            if (!success)
            {
                _notSuccess++;
            }
        }
    }

    public (int Count, int NotSuccess, double[] DurationsMs) Snapshot()
    {
        lock (_lock)
        {
            return (_durationsMs.Count, _notSuccess, [.. _durationsMs]);
        }
    }
}
