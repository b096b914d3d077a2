using Microsoft.Extensions.Logging.Abstractions;
using ReviewFlow.Durable.History;
using ReviewFlow.Durable.Replay;
using Xunit;

namespace ReviewFlow.Durable.Tests.Replay;

/// <summary>The replayer alone: history in, actions out, no storage.</summary>
public sealed class ReplayDeterminismTests
{
    private static readonly DateTime Start = new(2027, 1, 4, 9, 0, 0, DateTimeKind.Utc);

    private sealed class AlphaThenGamma : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            var a = await context.CallActivityAsync<string>("Alpha", input);
            return await context.CallActivityAsync<string>("Gamma", a);
        }
    }

    private sealed class BetaThenGamma : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            var b = await context.CallActivityAsync<string>("Beta", input);
            return await context.CallActivityAsync<string>("Gamma", b);
        }
    }

    private sealed class WaitsForEvent : TaskOrchestrator<string, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string input)
            => context.WaitForExternalEvent<string>("go");
    }

    private sealed class GuidAndClock : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            var first = context.NewGuid();
            var before = context.CurrentUtcDateTime;
            await context.CallActivityAsync<string>("Alpha", first.ToString());
            return $"{first}|{before:o}|{context.CurrentUtcDateTime:o}|{context.NewGuid()}";
        }
    }

    private sealed class TwoWaitsWithTimeouts : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            var go = await context.WaitForExternalEvent<string>("go", TimeSpan.FromDays(30));
            var next = await context.WaitForExternalEvent<string>("next", TimeSpan.FromDays(30));
            return go + next;
        }
    }

    private sealed class LeavesATimerOpen : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            _ = context.CreateTimer(context.CurrentUtcDateTime.AddDays(7), CancellationToken.None);
            return await context.WaitForExternalEvent<string>("go");
        }
    }

    private static List<HistoryEvent> FirstEpisode(string name) =>
    [
        new OrchestratorStarted { Timestamp = Start },
        new ExecutionStarted(name, "1", "\"in\"", "exec0001aaaa") { Timestamp = Start },
    ];

    private static ExecutionResult Run(ITaskOrchestrator orchestrator, IReadOnlyList<HistoryEvent> past, IReadOnlyList<HistoryEvent> next)
        => OrchestrationReplayer.Run(orchestrator, "inst-1", "exec0001aaaa", "Flow", "1", past, next, NullLoggerFactory.Instance);

    [Fact]
    public void Run_FirstEpisode_SchedulesFirstActivityOnly()
    {
        var result = Run(new AlphaThenGamma(), [], FirstEpisode("Flow"));

        var action = Assert.Single(result.NewActions);
        Assert.Equal(new ScheduleActivityAction(0, "Alpha", "\"in\""), action);
        Assert.Null(result.Completion);
    }

    [Fact]
    public void Run_ReplayWithMatchingHistory_SchedulesNextActivity()
    {
        var past = FirstEpisode("Flow");
        past.Add(new TaskScheduled(0, "Alpha", "\"in\""));
        var next = new List<HistoryEvent> { new OrchestratorStarted { Timestamp = Start.AddMinutes(1) }, new TaskCompleted(0, "\"a-out\"") };

        var result = Run(new AlphaThenGamma(), past, next);

        Assert.Equal(new ScheduleActivityAction(1, "Gamma", "\"a-out\""), Assert.Single(result.NewActions));
    }

    [Fact]
    public void Run_CodeChangedUnderRunningInstance_FailsNamingExpectedAndActual()
    {
        var past = FirstEpisode("Flow");
        past.Add(new TaskScheduled(0, "Alpha", "\"in\""));
        var next = new List<HistoryEvent> { new OrchestratorStarted { Timestamp = Start.AddMinutes(1) }, new TaskCompleted(0, "\"a-out\"") };

        var result = Run(new BetaThenGamma(), past, next);

        Assert.NotNull(result.Completion);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.Completion.Status);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, result.Completion.Failure!.ErrorType);
        Assert.Contains("history expects CallActivity 'Alpha' (#0)", result.Completion.Failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("now does CallActivity 'Beta' (#0)", result.Completion.Failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(result.NewActions);
    }

    [Fact]
    public void Run_CodeNoLongerSchedulesRecordedActivity_FailsNamingTheMissingCall()
    {
        var past = FirstEpisode("Flow");
        past.Add(new TaskScheduled(0, "Alpha", "\"in\""));

        var result = Run(new WaitsForEvent(), past, [new OrchestratorStarted { Timestamp = Start.AddMinutes(1) }, new TaskCompleted(0, "\"x\"")]);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.Completion!.Status);
        Assert.Contains("history expects CallActivity 'Alpha' (#0) but the orchestrator did not ask for it", result.Completion.Failure!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Replayed_GuidsAndTimeComeFromHistory()
    {
        var firstEpisode = Run(new GuidAndClock(), [], FirstEpisode("Flow"));
        var scheduled = (ScheduleActivityAction)Assert.Single(firstEpisode.NewActions);
        var past = FirstEpisode("Flow");
        past.Add(scheduled.ToHistoryEvent(Start));
        var later = Start.AddHours(5);

        var finished = Run(new GuidAndClock(), past, [new OrchestratorStarted { Timestamp = later }, new TaskCompleted(0, "\"ok\"")]);

        var parts = DurableJson.Deserialize<string>(finished.Completion!.Result).Split('|');
        Assert.Equal(DurableJson.Deserialize<string>(scheduled.Input), parts[0]);
        Assert.Equal(Start.ToString("o"), parts[1]);
        Assert.Equal(later.ToString("o"), parts[2]);
        Assert.NotEqual(parts[0], parts[3]);
    }

    [Fact]
    public void Run_EventArrivesBeforeWait_IsBufferedAndDelivered()
    {
        var events = FirstEpisode("Flow");
        events.Insert(1, new EventRaised("go", "\"early\"", "e1"));

        var result = Run(new WaitsForEvent(), [], events);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.Completion!.Status);
        Assert.Equal("\"early\"", result.Completion.Result);
    }

    [Fact]
    public void Run_TimerCancelledInAnEarlierEpisode_IsNotCancelledAgain()
    {
        var timeout = Start.AddDays(30);
        var past = FirstEpisode("Flow");
        past.Add(new TimerCreated(0, timeout));
        var second = new List<HistoryEvent> { new OrchestratorStarted { Timestamp = Start.AddHours(1) }, new EventRaised("go", "\"a\"", "e1") };

        var secondResult = Run(new TwoWaitsWithTimeouts(), past, second);

        Assert.Equal([0], secondResult.CancelledTimers.Select(t => t.TaskId));
        var nextTimer = Assert.IsType<CreateTimerAction>(Assert.Single(secondResult.NewActions));

        past.AddRange(second);
        past.Add(new TimerCreated(nextTimer.TaskId, nextTimer.FireAt));
        var third = new List<HistoryEvent> { new OrchestratorStarted { Timestamp = Start.AddHours(2) }, new EventRaised("next", "\"b\"", "e2") };

        var thirdResult = Run(new TwoWaitsWithTimeouts(), past, third);

        // Only the timer this episode cancelled: the first one's row went in the second episode.
        Assert.Equal([nextTimer.TaskId], thirdResult.CancelledTimers.Select(t => t.TaskId));
        Assert.NotNull(thirdResult.Completion);
        Assert.Empty(thirdResult.OpenTimers!);
    }

    [Fact]
    public void Run_CompletesWithATimerStillOpen_ReportsItOpen()
    {
        var fireAt = Start.AddDays(7);
        var past = FirstEpisode("Flow");
        past.Add(new TimerCreated(0, fireAt));
        var next = new List<HistoryEvent> { new OrchestratorStarted { Timestamp = Start.AddHours(1) }, new EventRaised("go", "\"done\"", "e1") };

        var result = Run(new LeavesATimerOpen(), past, next);

        Assert.NotNull(result.Completion);
        Assert.Empty(result.CancelledTimers);
        Assert.Equal([new CreateTimerAction(0, fireAt)], result.OpenTimers!);
    }
}
