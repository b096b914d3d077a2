namespace ReviewFlow.Bench.Running;

/// <summary>Counters shared by the scheduler, the completion watcher and the progress printer.</summary>
internal sealed class RunProgress(int total)
{
    private int _scheduled;
    private int _pending;
    private int _running;
    private int _finished;

    public int Total { get; } = total;

    public int Scheduled => Volatile.Read(ref _scheduled);

    public int Pending => Volatile.Read(ref _pending);

    public int Running => Volatile.Read(ref _running);

    public int Finished => Volatile.Read(ref _finished);

    public void OneScheduled() => Interlocked.Increment(ref _scheduled);

    public void Observed(int pending, int running, int finished)
    {
        Volatile.Write(ref _pending, pending);
        Volatile.Write(ref _running, running);
        Volatile.Write(ref _finished, finished);
    }
}
