namespace ReviewFlow.Durable.Tests.Support;

/// <summary>Waits for "go" (after an activity, so the event may arrive first) and returns its payload.</summary>
public sealed class EchoAfterWaitOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        var greeting = await context.CallActivityAsync<string>(nameof(Greet), input);
        var payload = await context.WaitForExternalEvent<string>("go");
        return $"{greeting}+{payload}";
    }
}

/// <summary>Consumes one "tick" per execution and continues as new until it has counted three.</summary>
public sealed class TickCounterOrchestrator : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var tick = await context.WaitForExternalEvent<int>("tick");
        var total = input + tick;
        if (total < 3)
        {
            context.ContinueAsNew(total);
        }

        return total;
    }
}

/// <summary>Waits thirteen weekly timers, like a quarter of weekly reviews, and returns the final orchestration time.</summary>
public sealed class QuarterOfWeeksOrchestrator : TaskOrchestrator<int, DateTime>
{
    public override async Task<DateTime> RunAsync(TaskOrchestrationContext context, int weeks)
    {
        for (var week = 0; week < weeks; week++)
        {
            await context.CreateTimer(TimeSpan.FromDays(7), CancellationToken.None);
        }

        return context.CurrentUtcDateTime;
    }
}

/// <summary>Waits up to thirty days for "approve", returning "approved" or "timed out".</summary>
public sealed class ApprovalOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        try
        {
            await context.WaitForExternalEvent<bool>("approve", TimeSpan.FromDays(30));
            return "approved";
        }
        catch (TimeoutException)
        {
            return "timed out";
        }
    }
}

/// <summary>Races a 10-day timer against an activity and cancels the timer when the activity wins.</summary>
public sealed class RaceTimerOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        using var cancel = new CancellationTokenSource();
        var timer = context.CreateTimer(TimeSpan.FromDays(10), cancel.Token);
        var work = context.CallActivityAsync<string>(nameof(Greet), input);
        var winner = await Task.WhenAny(timer, work);
        if (winner == work)
        {
            // Cancel synchronously: CancelAsync would resume this code on the thread pool, outside the replay.
#pragma warning disable CA1849
            cancel.Cancel();
#pragma warning restore CA1849
            return await work;
        }

        return "timer";
    }
}

/// <summary>Fans out to <c>input</c> activities and sums their results.</summary>
public sealed class FanOutOrchestrator : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var calls = Enumerable.Range(1, input).Select(i => context.CallActivityAsync<int>(nameof(Square), i));
        var squares = await Task.WhenAll(calls);
        return squares.Sum();
    }
}

/// <summary>Returns its input squared.</summary>
public sealed class Square : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input * input);
}

/// <summary>Calls a child orchestration and wraps its output.</summary>
public sealed class ParentOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        var child = await context.CallSubOrchestratorAsync<string>(nameof(GreetingSequenceOrchestrator), input);
        try
        {
            await context.CallSubOrchestratorAsync<string>(nameof(FailingOrchestrator), input);
            return $"parent({child}) and no failure?";
        }
        catch (TaskFailedException failed)
        {
            return $"parent({child}) caught {failed.FailureDetails.ErrorMessage}";
        }
    }
}

/// <summary>Always throws.</summary>
public sealed class FailingOrchestrator : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input)
        => throw new InvalidOperationException($"child refused {input}");
}

/// <summary>Returns which version of the code ran, after an event so a deployment can happen in between.</summary>
public sealed class VersionOneOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        await context.CallActivityAsync<string>(nameof(Greet), "v1");
        await context.WaitForExternalEvent<string>("continue");
        return $"v1:{context.Version}";
    }
}

/// <summary>Version 2 of the same orchestration: a different first activity, so it cannot replay v1 history.</summary>
public sealed class VersionTwoOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        await context.CallActivityAsync<int>(nameof(Square), 2);
        await context.WaitForExternalEvent<string>("continue");
        return $"v2:{context.Version}";
    }
}

/// <summary>Publishes a custom status, then waits for "finish".</summary>
public sealed class StatusReportingOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        context.SetCustomStatus(new { phase = "waiting", input });
        await context.WaitForExternalEvent<string>("finish");
        return "finished";
    }
}
