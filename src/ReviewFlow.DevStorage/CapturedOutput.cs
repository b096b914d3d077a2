namespace ReviewFlow.DevStorage;

/// <summary>
/// The first and last lines a child process wrote (stdout and stderr interleaved), kept so a failure
/// message can show them. Both ends matter: npm states the cause first and then prints usage help, while
/// Azurite's fatal error is its last line. Bounded because Azurite runs for a whole test session.
/// </summary>
internal sealed class CapturedOutput(int headLines, int tailLines)
{
    private readonly List<string> _head = new(headLines);
    private readonly Queue<string> _tail = new(tailLines);
    private readonly Lock _gate = new();
    private long _dropped;

    public void Add(string line)
    {
        lock (_gate)
        {
            if (_head.Count < headLines)
            {
                _head.Add(line);
                return;
            }

            if (_tail.Count == tailLines)
            {
                _tail.Dequeue();
                _dropped++;
            }

            _tail.Enqueue(line);
        }
    }

    public bool Contains(string text)
    {
        lock (_gate)
        {
            return _head.Concat(_tail).Any(line => line.Contains(text, StringComparison.Ordinal));
        }
    }

    /// <summary>The kept lines, indented for embedding in an exception message.</summary>
    public string Format()
    {
        lock (_gate)
        {
            if (_head.Count == 0)
            {
                return "    (no output)";
            }

            IEnumerable<string> gap = _dropped > 0 ? [$"... ({_dropped} lines omitted) ..."] : [];
            return string.Join(Environment.NewLine, _head.Concat(gap).Concat(_tail).Select(line => "    " + line));
        }
    }
}
