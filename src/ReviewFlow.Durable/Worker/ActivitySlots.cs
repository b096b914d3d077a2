using Microsoft.Extensions.Options;

namespace ReviewFlow.Durable.Worker;

/// <summary>The process-wide limit on activities running at once, shared by queued and local activities.</summary>
internal sealed class ActivitySlots(IOptions<DurableWorkerOptions> options)
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentActivities);
    private int _running;

    public int Free => _slots.CurrentCount;

    public bool IsIdle => Volatile.Read(ref _running) == 0;

    public async Task EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        Interlocked.Increment(ref _running);
    }

    public void Exit()
    {
        Interlocked.Decrement(ref _running);
        _slots.Release();
    }
}
