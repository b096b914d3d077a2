namespace ReviewFlow.Durable.Worker;

/// <summary>
/// Counts this process's work in flight and bumps a version on every change, so the virtual-time
/// driver can tell "idle" (nothing in flight, nothing happened lately) from "between two steps".
/// </summary>
internal sealed class WorkTracker
{
    private long _version;
    private int _inFlight;

    public long Version => Interlocked.Read(ref _version);

    public int InFlight => Volatile.Read(ref _inFlight);

    public void Started(int count = 1)
    {
        Interlocked.Add(ref _inFlight, count);
        Interlocked.Increment(ref _version);
    }

    public void Finished(int count = 1)
    {
        Interlocked.Add(ref _inFlight, -count);
        Interlocked.Increment(ref _version);
    }

    public void Touched() => Interlocked.Increment(ref _version);
}
