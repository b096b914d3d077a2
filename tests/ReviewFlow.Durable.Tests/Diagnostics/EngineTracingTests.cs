using System.Diagnostics;
using ReviewFlow.Durable.Diagnostics;
using ReviewFlow.Durable.Tests.Support;
using ReviewFlow.Testing;
using Xunit;

namespace ReviewFlow.Durable.Tests.Diagnostics;

public sealed class EngineTracingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ActivitySequence_LocalDispatch_ActivitySpansAreChildrenOfTheEpisodeThatScheduledThem()
    {
        using var recorder = new SpanRecorder();
        var (id, spans) = await RunGreetingsAsync(recorder, localActivityDispatch: true);

        var episodes = spans.Where(SpanRecorder.IsEpisode).ToList();
        var activities = spans.Where(SpanRecorder.IsActivity).ToList();
        Assert.Equal(3, activities.Count);
        Assert.All(activities, a =>
        {
            var parent = Assert.Single(episodes, e => e.SpanId == a.ParentSpanId);
            Assert.Equal($"orchestration {nameof(GreetingSequenceOrchestrator)}", parent.DisplayName);
            Assert.Equal($"activity {nameof(Greet)}", a.DisplayName);
            Assert.Equal(id, a.GetTagItem(TelemetryTags.InstanceId));
            Assert.Equal(ActivityStatusCode.Ok, a.Status);
        });
        Assert.Equal([0, 1, 2], activities.Select(a => (int)a.GetTagItem(TelemetryTags.TaskId)!).Order());
        Assert.Contains(episodes, e => Equals(e.GetTagItem(TelemetryTags.Status), nameof(OrchestrationRuntimeStatus.Completed)));
    }

    [Fact]
    public async Task ActivitySequence_QueuedDispatch_EveryEpisodeAndActivityShareTheExecutionsTrace()
    {
        using var recorder = new SpanRecorder();
        var (id, spans) = await RunGreetingsAsync(recorder, localActivityDispatch: false);

        Assert.Equal(3, spans.Count(SpanRecorder.IsActivity));
        Assert.True(spans.Count(SpanRecorder.IsEpisode) >= 4);
        var trace = Assert.Single(spans.Select(s => s.TraceId).Distinct());
        Assert.Equal(ExecutionTrace.For(id, (string?)spans[0].GetTagItem(TelemetryTags.ExecutionId)).TraceId, trace);
        Assert.All(spans, s => Assert.Equal(id, s.GetTagItem(TelemetryTags.InstanceId)));
    }

    [Fact]
    public void ExecutionTrace_SameExecution_SameContextInEveryProcess()
    {
        var first = ExecutionTrace.For("cycle-2027-Q1-x", "e1");

        Assert.Equal(first, ExecutionTrace.For("cycle-2027-Q1-x", "e1"));
        Assert.NotEqual(first.TraceId, ExecutionTrace.For("cycle-2027-Q1-x", "e2").TraceId);
        Assert.Equal(ActivityTraceFlags.Recorded, first.TraceFlags);
    }

    private async Task<(string Id, List<Activity> Spans)> RunGreetingsAsync(SpanRecorder recorder, bool localActivityDispatch)
    {
        await using var host = await EngineHost.StartAsync(
            azurite.ConnectionString,
            azurite.NewTaskHub(),
            registry => registry.AddOrchestrator<GreetingSequenceOrchestrator>().AddActivity<Greet>(),
            configureWorker: worker => worker.LocalActivityDispatch = localActivityDispatch);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetingSequenceOrchestrator), "ana");
        var result = await host.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        return (id, await recorder.WaitForAsync(id, episodes: 4));
    }
}
