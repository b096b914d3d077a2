using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ReviewFlow.Durable.Tests.Diagnostics;

/// <summary>A logger provider that records each line with the scope values in force, as structured sinks see them.</summary>
internal sealed class ScopeCapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<LoggedLine> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    internal sealed record LoggedLine(string Category, string Message, IReadOnlyList<KeyValuePair<string, object?>> Scope);

    private sealed class Logger(ScopeCapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
            => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new List<KeyValuePair<string, object?>>();
            owner._scopes.ForEachScope(
                (value, list) =>
                {
                    if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        list.AddRange(pairs);
                    }
                    else
                    {
                        list.Add(new(string.Empty, value?.ToString()));
                    }
                },
                scope);
            owner.Lines.Enqueue(new LoggedLine(category, formatter(state, exception), scope));
        }
    }
}
