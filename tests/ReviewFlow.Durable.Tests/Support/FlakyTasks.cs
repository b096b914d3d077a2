using System.Collections.Concurrent;

namespace ReviewFlow.Durable.Tests.Support;

/// <summary>Counts attempts per input and fails until the attempt number given by the input's suffix.</summary>
public sealed class AttemptBook
{
    public ConcurrentDictionary<string, List<DateTimeOffset>> Attempts { get; } = new();

    public int Record(string key, DateTimeOffset at)
    {
        var list = Attempts.GetOrAdd(key, _ => []);
        lock (list)
        {
            list.Add(at);
            return list.Count;
        }
    }
}

/// <summary>Throws on its first <c>failures</c> attempts (input "name:failures"), then succeeds.</summary>
public sealed class FlakyActivity(AttemptBook book, TimeProvider clock) : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input)
    {
        var failures = int.Parse(input.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        var attempt = book.Record(input, clock.GetUtcNow());
        if (attempt <= failures)
        {
            throw new InvalidOperationException($"transient failure {attempt} of {input}");
        }

        return Task.FromResult($"{input} ok after {attempt}");
    }
}

/// <summary>Calls FlakyActivity with a retry policy of 3 attempts, 1 s then 2 s apart.</summary>
public sealed class RetryingOrchestrator : TaskOrchestrator<string, string>
{
    public static readonly RetryPolicy Policy = new(3, TimeSpan.FromSeconds(1), 2.0);

    public override Task<string> RunAsync(TaskOrchestrationContext context, string input)
        => context.CallActivityAsync<string>(nameof(FlakyActivity), input, new TaskOptions(Policy));
}

/// <summary>Calls an activity no worker has registered.</summary>
public sealed class CallsMissingActivityOrchestrator : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input)
        => context.CallActivityAsync<string>("NoSuchActivity", input);
}

/// <summary>Fails on construction the first time it is created in a process, so its work item is redelivered.</summary>
public sealed class FirstDeliveryCrashes : TaskActivity<string, string>
{
    private static int s_created;

    public FirstDeliveryCrashes(ExecutionLog log)
    {
        Log = log;
        if (Interlocked.Increment(ref s_created) == 1)
        {
            throw new IOException("simulated worker failure before the activity could run");
        }
    }

    private ExecutionLog Log { get; }

    public override Task<string> RunAsync(TaskActivityContext context, string input)
    {
        Log.Record(context);
        return Task.FromResult(context.IdempotencyKey);
    }
}

/// <summary>Calls RecordCall three times and then FirstDeliveryCrashes once.</summary>
public sealed class IdempotencyOrchestrator : TaskOrchestrator<string, string[]>
{
    public override async Task<string[]> RunAsync(TaskOrchestrationContext context, string input)
    {
        for (var i = 0; i < 3; i++)
        {
            await context.CallActivityAsync<string>(nameof(RecordCall), $"{input}-{i}");
        }

        var redeliveredKey = await context.CallActivityAsync<string>(nameof(FirstDeliveryCrashes), input);
        return [context.InstanceId, context.ExecutionId, redeliveredKey];
    }
}
