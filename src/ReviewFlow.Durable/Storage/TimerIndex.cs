namespace ReviewFlow.Durable.Storage;

/// <summary>
/// The pending timers of a task hub this process owns, in memory and in due order: the Timers table's rows and the
/// orchestrations' own timers (which have no row: see <see cref="TimerStore"/>), kept in step on every write, so
/// finding what is due costs no table query (which storage emulators answer by scanning the whole table). Keys are
/// row keys, which begin with the due time in ticks, fixed width, so their ordinal order is time order.
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

    /// <summary>Adds the timer unless one with its key is pending already (a row read at start wins over its history).</summary>
    public void TryAdd(DueTimer timer)
    {
        lock (_lock)
        {
            _pending.TryAdd(timer.RowKey, timer);
        }
    }

    /// <summary>Removes the timer and returns it, or null when it was not pending.</summary>
    public DueTimer? Remove(string rowKey)
    {
        lock (_lock)
        {
            return _pending.Remove(rowKey, out var removed) ? removed : null;
        }
    }

    /// <summary>Pending timers of an instance that have no row.</summary>
    public int CountWithoutRow(string instanceId)
    {
        lock (_lock)
        {
            return _pending.Values.Count(t => !t.HasRow && t.Message.InstanceId == instanceId);
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
