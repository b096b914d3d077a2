using ReviewFlow.Durable.Tests.Support;
using ReviewFlow.Testing;
using Xunit;

namespace ReviewFlow.Durable.Tests.Client;

/// <summary>The client's control and inspection operations against a running worker.</summary>
public sealed class ClientLifecycleTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestrator<StatusReportingOrchestrator>()
        .AddOrchestrator<GreetingSequenceOrchestrator>()
        .AddOrchestrator<ParentOrchestrator>()
        .AddOrchestrator<FailingOrchestrator>()
        .AddActivity<Greet>();

    [Fact]
    public async Task Schedule_SameInstanceIdTwice_StartsOnce()
    {
        await using var host = await EngineHost.StartAsync(azurite.ConnectionString, azurite.NewTaskHub(), Register);

        var first = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetingSequenceOrchestrator), "one", new StartOrchestrationOptions("cycle-2027-Q1-priya"));
        await host.WaitAsync(first);
        var second = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetingSequenceOrchestrator), "two", new StartOrchestrationOptions("cycle-2027-Q1-priya"));
        await Task.Delay(300);
        var result = await host.Client.GetInstanceAsync(second, getInputsAndOutputs: true);

        Assert.Equal(first, second);
        Assert.Equal("hello one-1,hello one-2,hello one-3", result!.ReadOutputAs<string>());
        Assert.Single((await host.Client.GetHistoryAsync(first)).OfType<History.ExecutionStarted>());
    }

    [Theory]
    [InlineData("has/slash")]
    [InlineData("has#hash")]
    [InlineData("has?question")]
    [InlineData("")]
    public async Task Schedule_InvalidInstanceId_ThrowsAndCreatesNothing(string badId)
    {
        await using var host = await EngineHost.StartAsync(azurite.ConnectionString, azurite.NewTaskHub(), Register, startWorker: false);

        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetingSequenceOrchestrator), "x", new StartOrchestrationOptions(badId)));

        var page = await host.Client.QueryInstancesAsync(new OrchestrationQuery());
        Assert.Empty(page.Instances);
    }

    [Fact]
    public async Task CustomStatus_SetByOrchestrator_IsReadableWhileRunning()
    {
        await using var host = await EngineHost.StartAsync(azurite.ConnectionString, azurite.NewTaskHub(), Register);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(StatusReportingOrchestrator), "q1");
        var status = await PollAsync(() => host.Client.GetInstanceAsync(id), m => m?.SerializedCustomStatus is not null);
        await host.Client.RaiseEventAsync(id, "finish");
        await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Running, status!.RuntimeStatus);
        Assert.Equal("{\"phase\":\"waiting\",\"input\":\"q1\"}", status.SerializedCustomStatus);
    }

    [Fact]
    public async Task Terminate_RunningInstance_EndsTerminatedWithReason()
    {
        await using var host = await EngineHost.StartAsync(azurite.ConnectionString, azurite.NewTaskHub(), Register);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(StatusReportingOrchestrator), "t");
        await PollAsync(() => host.Client.GetInstanceAsync(id), m => m?.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        await host.Client.TerminateInstanceAsync(id, "seller left the team");
        var result = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("seller left the team", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Suspend_ThenEventThenResume_EventIsHeldUntilResumed()
    {
        await using var host = await EngineHost.StartAsync(azurite.ConnectionString, azurite.NewTaskHub(), Register);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(StatusReportingOrchestrator), "s");
        await PollAsync(() => host.Client.GetInstanceAsync(id), m => m?.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        await host.Client.SuspendInstanceAsync(id, "quarter freeze");
        await PollAsync(() => host.Client.GetInstanceAsync(id), m => m?.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);
        await host.Client.RaiseEventAsync(id, "finish");
        await Task.Delay(500);
        var whileSuspended = await host.Client.GetInstanceAsync(id);
        await host.Client.ResumeInstanceAsync(id);
        var result = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, whileSuspended!.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("finished", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task SubOrchestration_ChildCompletesAndChildFails_ParentSeesBoth()
    {
        await using var host = await EngineHost.StartAsync(azurite.ConnectionString, azurite.NewTaskHub(), Register);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ParentOrchestrator), "kid");
        var result = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("parent(hello kid-1,hello kid-2,hello kid-3) caught child refused kid", result.ReadOutputAs<string>());
        var children = await host.Client.QueryInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = id + ":" });
        Assert.Equal(2, children.Instances.Count);
        Assert.Contains(children.Instances, c => c.RuntimeStatus == OrchestrationRuntimeStatus.Failed);
    }

    [Fact]
    public async Task LargeInputAndOutput_OverTableAndQueueLimits_RoundTripThroughBlobs()
    {
        await using var host = await EngineHost.StartAsync(azurite.ConnectionString, azurite.NewTaskHub(), Register);
        var big = new string('x', 200_000);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetingSequenceOrchestrator), big);
        var result = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal($"hello {big}-1,hello {big}-2,hello {big}-3", result.ReadOutputAs<string>());
        Assert.Equal(big, result.ReadInputAs<string>());
    }

    [Fact]
    public async Task Purge_CompletedInstance_RemovesItAndRefusesRunningOnes()
    {
        await using var host = await EngineHost.StartAsync(azurite.ConnectionString, azurite.NewTaskHub(), Register);
        var done = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetingSequenceOrchestrator), new string('p', 100_000));
        await host.WaitAsync(done);
        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(StatusReportingOrchestrator), "r");
        await PollAsync(() => host.Client.GetInstanceAsync(running), m => m?.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        Assert.True(await host.Client.PurgeInstanceAsync(done));
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.PurgeInstanceAsync(running));

        Assert.Null(await host.Client.GetInstanceAsync(done));
        Assert.Empty(await host.Client.GetHistoryAsync(done));
        Assert.False(await host.Client.PurgeInstanceAsync(done));
        Assert.NotNull(await host.Client.GetInstanceAsync(running));
    }

    [Fact]
    public async Task Query_ByStatusNameAndPrefix_PagesThroughAllMatches()
    {
        await using var host = await EngineHost.StartAsync(azurite.ConnectionString, azurite.NewTaskHub(), Register);
        var done = await Task.WhenAll(Enumerable.Range(0, 7).Select(i =>
            host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetingSequenceOrchestrator), "q", new StartOrchestrationOptions($"team-leeds-{i}"))));
        var waiting = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(StatusReportingOrchestrator), "w", new StartOrchestrationOptions("team-york-0"));
        await Task.WhenAll(done.Select(id => host.WaitAsync(id)));
        await PollAsync(() => host.Client.GetInstanceAsync(waiting), m => m?.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        var leeds = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await host.Client.QueryInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "team-leeds-", PageSize = 3, ContinuationToken = token });
            leeds.AddRange(page.Instances.Select(i => i.InstanceId));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);
        var running = await host.Client.QueryInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running] });
        var byName = await host.Client.QueryInstancesAsync(new OrchestrationQuery { Name = nameof(GreetingSequenceOrchestrator), Statuses = [OrchestrationRuntimeStatus.Completed] });

        var all = await host.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "team-leeds-", PageSize = 3 }).ToListAsync();

        Assert.Equal(done.Order(), leeds.Order());
        Assert.True(pages >= 3, $"expected at least 3 pages of 3, got {pages}");
        Assert.Equal(done.Order(), all.Select(i => i.InstanceId).Order());
        Assert.Equal("team-york-0", Assert.Single(running.Instances).InstanceId);
        Assert.Equal(7, byName.Instances.Count);
    }

    private static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        for (var i = 0; i < 400; i++)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("The condition was not reached in 10 s.");
    }
}
