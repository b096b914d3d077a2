namespace ReviewFlow.Functions.Management;

/// <summary>Every problem of an import, by field ("sellers[2].email", "row 5.timeZone"), in the order found.</summary>
internal sealed class RosterProblems
{
    /// <summary>Enough to fix a file in one go without flooding the answer when a whole column is wrong.</summary>
    public const int MaxProblems = 500;

    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);
    private int _count;

    public int Count => _count;

    public bool Truncated { get; private set; }

    public void Add(string field, string message)
    {
        if (_count >= MaxProblems)
        {
            Truncated = true;
            return;
        }

        if (!_byField.TryGetValue(field, out var messages))
        {
            _byField[field] = messages = [];
        }

        messages.Add(message);
        _count++;
    }

    public IDictionary<string, string[]> ToDictionary() => _byField.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
}
