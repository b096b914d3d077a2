using System.Collections.Concurrent;

namespace ReviewFlow.Durable.Worker;

/// <summary>Remembers the last error per message, so a dead-lettered work item says why it failed.</summary>
internal sealed class ErrorMemory
{
    private const int Capacity = 10_000;
    private readonly ConcurrentDictionary<string, string> _errors = new(StringComparer.Ordinal);

    public void Remember(string messageId, Exception error)
    {
        if (_errors.Count > Capacity)
        {
            _errors.Clear();
        }

        _errors[messageId] = $"{error.GetType().Name}: {error.Message}";
    }

    public string Recall(string messageId)
        => _errors.TryRemove(messageId, out var error) ? error : "unknown (a worker may have crashed or timed out while processing it)";

    public void Forget(string messageId) => _errors.TryRemove(messageId, out _);

    public bool Knows(string messageId) => _errors.ContainsKey(messageId);
}
