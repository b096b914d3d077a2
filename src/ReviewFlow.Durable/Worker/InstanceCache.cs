using ReviewFlow.Durable.Storage;

namespace ReviewFlow.Durable.Worker;

/// <summary>
/// Least-recently-used cache of instance states, so a worker that handles an instance's next episode
/// does not read its history again. A cached entry is only trusted with its ETag: if another worker
/// committed in between, the commit fails and the entry is dropped.
/// </summary>
internal sealed class InstanceCache(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<InstanceState>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<InstanceState> _order = new();
    private readonly Lock _lock = new();

    /// <summary>Whether the instance's state is held, without counting as a use.</summary>
    public bool Contains(string instanceId)
    {
        lock (_lock)
        {
            return _entries.ContainsKey(instanceId);
        }
    }

    public InstanceState? Get(string instanceId)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(instanceId, out var node))
            {
                return null;
            }

            _order.Remove(node);
            _order.AddFirst(node);
            return node.Value;
        }
    }

    public void Set(InstanceState state)
    {
        if (capacity == 0)
        {
            return;
        }

        lock (_lock)
        {
            if (_entries.Remove(state.InstanceId, out var existing))
            {
                _order.Remove(existing);
            }

            _entries[state.InstanceId] = _order.AddFirst(state);
            while (_entries.Count > capacity && _order.Last is { } oldest)
            {
                _order.RemoveLast();
                _entries.Remove(oldest.Value.InstanceId);
            }
        }
    }

    public void Remove(string instanceId)
    {
        lock (_lock)
        {
            if (_entries.Remove(instanceId, out var node))
            {
                _order.Remove(node);
            }
        }
    }
}
