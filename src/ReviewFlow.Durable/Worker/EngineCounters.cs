namespace ReviewFlow.Durable;

/// <summary>What this process's worker has done so far: for benchmarks and the simulation's summary.</summary>
public sealed class EngineCounters
{
    private long _episodes;
    private long _activities;
    private long _localTimers;

    /// <summary>Episodes committed (an orchestrator ran and its new history was stored).</summary>
    public long Episodes => Interlocked.Read(ref _episodes);

    /// <summary>Activity executions started, retries included.</summary>
    public long Activities => Interlocked.Read(ref _activities);

    /// <summary>Due timers this process delivered to itself rather than through a control queue.</summary>
    public long LocalTimerDeliveries => Interlocked.Read(ref _localTimers);

    internal void TimerDeliveredLocally() => Interlocked.Increment(ref _localTimers);

    internal void EpisodeCommitted() => Interlocked.Increment(ref _episodes);

    internal void ActivityRan() => Interlocked.Increment(ref _activities);
}
