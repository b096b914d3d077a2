using Microsoft.Extensions.Logging;

namespace ReviewFlow.Bench.Engine;

/// <summary>
/// Engine warnings and errors to stderr, counted. A benchmark that hides retries and failed episodes would
/// report good numbers for a sick engine; a tiny logger of our own avoids pulling in a logging package.
/// Output is capped so an overloaded engine cannot drown the progress lines.
/// </summary>
internal sealed class StderrLoggerFactory : ILoggerFactory
{
    private const int MaxPrinted = 20;
    private int _count;

    /// <summary>Warnings and errors logged so far.</summary>
    public int Count => Volatile.Read(ref _count);

    public ILogger CreateLogger(string categoryName) => new StderrLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
        // Not a pluggable factory: everything goes to stderr.
    }

    public void Dispose()
    {
        // Nothing held.
    }

    private void Write(string category, LogLevel level, string message, Exception? exception)
    {
        var n = Interlocked.Increment(ref _count);
        if (n > MaxPrinted)
        {
            return;
        }

        var cause = exception is null ? string.Empty : $" ({exception.GetType().Name}: {exception.Message})";
        Console.Error.WriteLine($"[{level}] {category}: {message}{cause}");
        if (n == MaxPrinted)
        {
            Console.Error.WriteLine($"[bench] further engine warnings are counted but not printed");
        }
    }

    private sealed class StderrLogger(StderrLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Write(category, logLevel, formatter(state, exception), exception);
            }
        }
    }
}
