using System.Collections.Concurrent;

namespace ReviewFlow.Durable.Tests.Support;

/// <summary>Calls Greet three times in sequence.</summary>
public sealed class GreetingSequenceOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        var first = await context.CallActivityAsync<string>(nameof(Greet), $"{input}-1");
        var second = await context.CallActivityAsync<string>(nameof(Greet), $"{input}-2");
        var third = await context.CallActivityAsync<string>(nameof(Greet), $"{input}-3");
        return string.Join(",", first, second, third);
    }
}

/// <summary>Returns "hello {name}".</summary>
public sealed class Greet : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult($"hello {input}");
}

/// <summary>Records every execution of an activity by idempotency key, in process (tests in one process only).</summary>
public sealed class ExecutionLog
{
    public ConcurrentDictionary<string, int> ByKey { get; } = new();

    public ConcurrentQueue<(string Key, int Attempt)> Calls { get; } = new();

    public void Record(TaskActivityContext context)
    {
        ByKey.AddOrUpdate(context.IdempotencyKey, 1, (_, n) => n + 1);
        Calls.Enqueue((context.IdempotencyKey, context.Attempt));
    }
}

/// <summary>Logs its idempotency key and echoes its input.</summary>
public sealed class RecordCall(ExecutionLog log) : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input)
    {
        log.Record(context);
        return Task.FromResult(input);
    }
}
