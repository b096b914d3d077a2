using System.Collections.Concurrent;

using Microsoft.Extensions.Logging;

namespace ReviewFlow.Integrations.Tests.Email.SendGrid;

/// <summary>Records everything every logger writes, at every level, for assertions on log content.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogRecord> _records = new();

    public IReadOnlyList<LogRecord> Records => [.. _records];

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(categoryName, _records);

    public void Dispose()
    {
    }

    private sealed class RecordingLogger(string category, ConcurrentQueue<LogRecord> records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // Keep the structured values too: a key could hide in a property that the message template leaves out.
            string values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(" | ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : state?.ToString() ?? "";
            records.Enqueue(new LogRecord(category, logLevel, formatter(state, exception), values, exception?.ToString()));
        }
    }
}

/// <summary>One log entry: its formatted message, its structured values and its exception, as text.</summary>
public sealed record LogRecord(string Category, LogLevel Level, string Message, string Values, string? Exception)
{
    public bool Contains(string text) =>
        Message.Contains(text, StringComparison.Ordinal)
        || Values.Contains(text, StringComparison.Ordinal)
        || (Exception?.Contains(text, StringComparison.Ordinal) ?? false);
}
