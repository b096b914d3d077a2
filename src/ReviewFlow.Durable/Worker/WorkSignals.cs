namespace ReviewFlow.Durable.Worker;

/// <summary>
/// In-process wake-ups: when this worker queues work for itself, its pollers skip their back-off wait.
/// Other processes find the work on their next poll.
/// </summary>
internal sealed class WorkSignals(int controlQueues)
{
    private readonly SemaphoreSlim[] _control = [.. Enumerable.Range(0, controlQueues).Select(_ => new SemaphoreSlim(0))];
    private readonly SemaphoreSlim _activity = new(0);
    private readonly SemaphoreSlim _timer = new(0);

    public void ControlQueued(int partition) => Release(_control[partition]);

    public void ActivityQueued() => Release(_activity);

    public void TimerScheduled() => Release(_timer);

    public Task<bool> WaitControlAsync(int partition, TimeSpan timeout, CancellationToken cancellationToken)
        => _control[partition].WaitAsync(timeout, cancellationToken);

    public Task<bool> WaitActivityAsync(TimeSpan timeout, CancellationToken cancellationToken)
        => _activity.WaitAsync(timeout, cancellationToken);

    public Task<bool> WaitTimerAsync(TimeSpan timeout, CancellationToken cancellationToken)
        => _timer.WaitAsync(timeout, cancellationToken);

    private static void Release(SemaphoreSlim signal)
    {
        // One pending wake-up is enough; do not let the count grow without bound.
        if (signal.CurrentCount == 0)
        {
            signal.Release();
        }
    }
}
