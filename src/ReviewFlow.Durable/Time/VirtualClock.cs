namespace ReviewFlow.Durable.Time;

/// <summary>
/// A clock that only moves when told to. With it, the worker jumps to the next due durable timer
/// whenever all work is idle, so a 13-week quarter runs in seconds against real storage.
/// </summary>
public sealed class VirtualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;
    private long _steps;

    /// <summary>How many times the clock has moved forward: each one a wait for idleness, so a measure of how stepwise a run was.</summary>
    public long Steps => Interlocked.Read(ref _steps);

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    /// <summary>Moves the clock forward to <paramref name="time"/>; never backwards.</summary>
    public void AdvanceTo(DateTimeOffset time)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref _ticks);
            if (time.UtcTicks <= current)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _ticks, time.UtcTicks, current) != current);
        Interlocked.Increment(ref _steps);
    }

    /// <summary>Moves the clock forward by <paramref name="delta"/>.</summary>
    public void Advance(TimeSpan delta) => AdvanceTo(GetUtcNow() + delta);
}
