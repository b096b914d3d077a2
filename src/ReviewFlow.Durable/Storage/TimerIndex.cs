namespace ReviewFlow.Durable.Storage;

/// <summary>
/// The pending timers of a task hub this process owns, in memory and in due order: the Timers table's rows,
/// kept in step by <see cref="TimerStore"/> on every write, so finding what is due costs no table query (which
/// storage emulators answer by scanning the whole table). Row keys begin with the due time in ticks, fixed width,
/// so their ordinal order is time order.
/// </summary>
internal sealed class TimerIndex
{
    private readonly SortedDictionary<string, DueTimer> _pending = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    public void Add(DueTimer timer)
    {
        lock (_lock)
        {
            _pending[timer.RowKey] = timer;
        }
    }

    public void Remove(string rowKey)
    {
        lock (_lock)
        {
            _pending.Remove(rowKey);
        }
    }

    /// <summary>Up to <paramref name="max"/> timers due at or before <paramref name="dueTicks"/>, oldest first.</summary>
    public List<DueTimer> Due(long dueTicks, int max)
    {
        lock (_lock)
        {
            return [.. _pending.Values.TakeWhile(t => TimerStore.DueTicksOf(t.RowKey) <= dueTicks).Take(max)];
        }
    }

    /// <summary>The due time of the earliest pending timer, or null when there is none.</summary>
    public DateTime? NextDue()
    {
        lock (_lock)
        {
            foreach (var key in _pending.Keys)
            {
                return new DateTime(TimerStore.DueTicksOf(key), DateTimeKind.Utc);
            }

            return null;
        }
    }
}
