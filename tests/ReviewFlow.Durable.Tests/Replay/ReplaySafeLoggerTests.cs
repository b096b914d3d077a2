using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ReviewFlow.Durable.History;
using ReviewFlow.Durable.Replay;
using Xunit;

namespace ReviewFlow.Durable.Tests.Replay;

public sealed class ReplaySafeLoggerTests
{
    private static readonly DateTime Start = new(2027, 1, 4, 9, 0, 0, DateTimeKind.Utc);

    private sealed class LoggingOrchestrator : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            var logger = context.CreateReplaySafeLogger("Cycle");
            logger.LogInformation("asking {Seller} to agree", input);
            var answer = await context.CallActivityAsync<string>("Ask", input);
            logger.LogInformation("{Seller} answered {Answer}", input, answer);
            return answer;
        }
    }

    [Fact]
    public void CreateReplaySafeLogger_SecondEpisode_WritesOnlyTheNewLine()
    {
        var sink = new CapturingLoggerFactory();
        var past = new List<HistoryEvent>
        {
            new OrchestratorStarted { Timestamp = Start },
            new ExecutionStarted("Flow", "1", "\"priya\"", "exec0001aaaa"),
            new TaskScheduled(0, "Ask", "\"priya\""),
        };

        OrchestrationReplayer.Run(new LoggingOrchestrator(), "i", "exec0001aaaa", "Flow", "1", past,
            [new OrchestratorStarted { Timestamp = Start.AddHours(1) }, new TaskCompleted(0, "\"yes\"")], sink);

        Assert.Equal(["priya answered yes"], sink.Lines);
    }

    private sealed class CapturingLoggerFactory : ILoggerFactory
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(_lines);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => lines.Enqueue(formatter(state, exception));
    }
}
