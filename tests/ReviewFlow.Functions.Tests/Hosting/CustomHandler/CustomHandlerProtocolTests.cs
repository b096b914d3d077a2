using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ReviewFlow.Durable;
using Xunit;

namespace ReviewFlow.Functions.Tests.Hosting.CustomHandler;

/// <summary>
/// The custom-handler protocol against the running service: real invocation payloads for messages the test receives
/// from the engine's queues itself, as the Functions host would, and the engine's progress they cause.
/// </summary>
public sealed class CustomHandlerProtocolTests
{
    [Fact]
    public async Task Invocations_QueueAndTimerPayloads_DriveAnOrchestrationToCompleted()
    {
        await using var host = await HandlerHost.StartAsync(r => r.AddOrchestrator<NapThenProbeOrchestrator>().AddActivity<Probe>());
        Assert.All(host.Urls, url => Assert.StartsWith("http://127.0.0.1:", url, StringComparison.Ordinal));
        Assert.DoesNotContain("http://127.0.0.1:1", host.Urls);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(NapThenProbeOrchestrator), "ann");

        // The start message waits on its control queue: no poller of the service took it (the host polls).
        await DeliverControlAsync(host, id, messageAsJsonValue: false);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);

        // The durable timer is not due yet: a sweep delivers nothing.
        var early = await host.InvokeAsync("timer-sweep", HandlerHost.TimerInvocation("timer-sweep"));
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("Delivered 0 due durable timer(s).", await HandlerHost.ResultLogsAsync(early));

        host.Clock.Advance(TimeSpan.FromHours(1));
        var due = await host.InvokeAsync("timer-sweep", HandlerHost.TimerInvocation("timer-sweep", isPastDue: true));
        Assert.Equal(HttpStatusCode.OK, due.StatusCode);
        Assert.Contains("Delivered 1 due durable timer(s).", await HandlerHost.ResultLogsAsync(due));

        await DeliverControlAsync(host, id, messageAsJsonValue: true); // TimerFired: schedules the activity
        var workItems = host.Queue(TaskHubQueueNames.WorkItems(host.TaskHub));
        var workItem = await HandlerHost.ReceiveAsync(workItems);
        var ran = await host.InvokeAsync("workitems", HandlerHost.QueueInvocation(workItem, "workitems"));
        Assert.Equal(HttpStatusCode.OK, ran.StatusCode);
        Assert.Contains(await HandlerHost.ResultLogsAsync(ran), l => l.Contains($"Message {workItem.MessageId}", StringComparison.Ordinal) && l.EndsWith("processed.", StringComparison.Ordinal));
        await workItems.DeleteMessageAsync(workItem.MessageId, workItem.PopReceipt);
        await DeliverControlAsync(host, id, messageAsJsonValue: false); // TaskCompleted: the orchestration returns

        var done = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done!.RuntimeStatus);
        Assert.Equal("probed ann", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WorkItemInvocation_FailingActivity_Answers500UntilPastMaxDequeueCountThenFailsTheInstance()
    {
        await using var host = await HandlerHost.StartAsync(r => r.AddOrchestrator<CallsMissingActivity>());
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CallsMissingActivity), "x");
        await DeliverControlAsync(host, id, messageAsJsonValue: false);
        var workItems = host.Queue(TaskHubQueueNames.WorkItems(host.TaskHub));
        var workItem = await HandlerHost.ReceiveAsync(workItems);

        // The activity is not registered: the host must retry (500, with the reason in the logs).
        var failed = await host.InvokeAsync("workitems", HandlerHost.QueueInvocation(workItem, "workitems", dequeueCount: 1));
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Contains(await HandlerHost.ResultLogsAsync(failed), l => l.Contains("failed, to be retried", StringComparison.Ordinal));

        // Past the engine's MaxDequeueCount (5) the engine dead-letters it itself and answers 200, so the host deletes it.
        var parked = await host.InvokeAsync("workitems", HandlerHost.QueueInvocation(workItem, "workitems", dequeueCount: new DurableWorkerOptions().MaxDequeueCount + 1));
        Assert.Equal(HttpStatusCode.OK, parked.StatusCode);
        Assert.Contains(await HandlerHost.ResultLogsAsync(parked), l => l.Contains("poison queue and its instance marked Failed", StringComparison.Ordinal));
        await workItems.DeleteMessageAsync(workItem.MessageId, workItem.PopReceipt);
        await DeliverControlAsync(host, id, messageAsJsonValue: false); // the dead-letter notice

        var instance = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, instance!.RuntimeStatus);
        Assert.Contains("NoSuchActivity", instance.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        var poison = (await host.Queue(TaskHubQueueNames.Poison(host.TaskHub)).PeekMessagesAsync(10)).Value;
        Assert.Contains(poison, m => m.MessageText == workItem.MessageText);
    }

    [Theory]
    [InlineData("not json at all", "The body is not JSON")]
    [InlineData("{\"Data\":{}}", "Metadata is missing")]
    [InlineData("{\"Data\":{},\"Metadata\":{\"DequeueCount\":1,\"Id\":\"m1\"}}", "Data.message (the queue message) is missing")]
    [InlineData("{\"Data\":{\"message\":\"{}\"},\"Metadata\":{\"Id\":\"m1\"}}", "Metadata.DequeueCount is missing")]
    [InlineData("[1,2]", "must be a JSON object")]
    public async Task QueueInvocation_MalformedBody_Answers400WithTheProblem(string body, string problem)
    {
        await using var host = await HandlerHost.StartAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/control-00") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>();
        Assert.StartsWith("Invalid invocation of control-00:", error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimerInvocation_WithoutTheTimer_Answers400()
    {
        await using var host = await HandlerHost.StartAsync();

        var response = await host.InvokeAsync("timer-sweep", new JsonObject { ["Data"] = new JsonObject(), ["Metadata"] = new JsonObject() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Data.timer (the timer) is missing", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invocation_UnknownFunction_Answers404NamingTheKnownOnes()
    {
        await using var host = await HandlerHost.StartAsync();

        var response = await host.InvokeAsync("no-such-function", HandlerHost.TimerInvocation("no-such-function"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = await response.Content.ReadAsStringAsync();
        Assert.Contains("No function named 'no-such-function'", error, StringComparison.Ordinal);
        Assert.Contains("workitems", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "X-Forwarded-For")]
    [InlineData(true, "X-ARR-LOG-ID")]
    public async Task Invocation_NotFromTheHost_Answers404AndProcessesNothing(bool withInvocationId, string? forwardedHeader)
    {
        await using var host = await HandlerHost.StartAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/timer-sweep") { Content = new StringContent(HandlerHost.TimerInvocation("timer-sweep").ToJsonString(), Encoding.UTF8, "application/json") };
        if (withInvocationId)
        {
            request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        }

        if (forwardedHeader is not null)
        {
            request.Headers.Add(forwardedHeader, "203.0.113.7");
        }

        var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Delivered", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForwardedHttpRequest_ExistingEndpoint_IsServedAsIs()
    {
        await using var host = await HandlerHost.StartAsync();

        // The catch-all HTTP function forwards requests with their own path; the normal endpoints answer them.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("healthy", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Receives the instance's control message, posts it as the host would, checks 200, and deletes it (the host's part).</summary>
    private static async Task DeliverControlAsync(HandlerHost host, string instanceId, bool messageAsJsonValue)
    {
        var (queue, function) = await host.ControlQueueHoldingAsync(instanceId);
        var message = await HandlerHost.ReceiveAsync(queue);
        var response = await host.InvokeAsync(function, HandlerHost.QueueInvocation(message, function, messageAsJsonValue));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{function} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Contains(await HandlerHost.ResultLogsAsync(response), l => l.EndsWith("processed.", StringComparison.Ordinal));
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
    }
}

/// <summary>Sleeps an hour on a durable timer, then runs <see cref="Probe"/>.</summary>
public sealed class NapThenProbeOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        await context.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
        return await context.CallActivityAsync<string>(nameof(Probe), input);
    }
}

/// <summary>Returns "probed {input}".</summary>
public sealed class Probe : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult($"probed {input}");
}

/// <summary>Calls an activity no worker has.</summary>
public sealed class CallsMissingActivity : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) => context.CallActivityAsync<string>("NoSuchActivity", input);
}
