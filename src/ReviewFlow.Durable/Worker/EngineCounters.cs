namespace ReviewFlow.Durable;

/// <summary>What this process's worker has done so far: for benchmarks and the simulation's summary.</summary>
public sealed class EngineCounters
{
    private long _episodes;
    private long _activities;

    /// <summary>Episodes committed (an orchestrator ran and its new history was stored).</summary>
    public long Episodes => Interlocked.Read(ref _episodes);

    /// <summary>Activity executions started, retries included.</summary>
    public long Activities => Interlocked.Read(ref _activities);

    internal void EpisodeCommitted() => Interlocked.Increment(ref _episodes);

    internal void ActivityRan() => Interlocked.Increment(ref _activities);
}
