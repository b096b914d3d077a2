using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using ReviewFlow.Durable.History;
using ReviewFlow.Durable.Storage;
using ReviewFlow.Durable.Tests.Support;
using ReviewFlow.Testing;
using Xunit;

namespace ReviewFlow.Durable.Tests.Worker;

/// <summary>
/// The current execution's history lives in the instance's state row: split over parts when long, in a blob when
/// longer than a row can hold, and read back whole either way.
/// </summary>
public sealed class HistoryStorageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData(1, 100, 1, 1)] // a few hundred characters: one part, then the last episode appended
    [InlineData(20, 4_000, 1, 20)] // about 90,000 characters, each episode appended to the first
    [InlineData(40, 4_000, 5, 7)] // about 180,000 characters: written whole in five 30,000-character parts past the appending limit
    public async Task History_ReadBackFromStorage_HasEveryEventWhateverItsLength(int activities, int inputLength, int parts, int episodes)
    {
        await using var host = await StartAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(LongInputs), new LongInputsPlan(activities, inputLength));
        var result = await host.WaitAsync(id);
        var history = await host.Client.GetHistoryAsync(id);
        var row = await host.StateRowAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(activities * inputLength, result.ReadOutputAs<int>());
        var scheduled = history.OfType<TaskScheduled>().ToList();
        Assert.Equal(activities, scheduled.Count);
        Assert.All(scheduled, s => Assert.Equal(inputLength + 2, s.Input!.Length)); // a JSON string: quoted
        Assert.Single(history.OfType<ExecutionCompleted>());
        Assert.Equal(parts, row.Keys.Count(k => k.StartsWith("History", StringComparison.Ordinal)));
        Assert.Equal(episodes, row.Keys.Count(k => k.StartsWith("Episode", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ContinueAsNew_TheNextExecutionsFirstEpisode_IsCommittedInTheSameWrite()
    {
        // Every message waits on the queue before the worker starts, so one batch carries them all: the first
        // execution continues as new with two ticks left over, and so does the second with one.
        await using var host = await EngineHost.StartAsync(
            azurite.ConnectionString, azurite.NewTaskHub(), r => r.AddOrchestrator<TickCounterOrchestrator>(), startWorker: false);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TickCounterOrchestrator), 0);
        for (var tick = 0; tick < 3; tick++)
        {
            await host.Client.RaiseEventAsync(id, "tick", 1);
        }

        await host.StartWorkerAsync();
        var result = await host.WaitAsync(id);
        var state = await host.Services.GetRequiredService<InstanceStore>().LoadAsync(id, CancellationToken.None);

        Assert.Equal(3, result.ReadOutputAs<int>());

        // Three executions in two writes: the first one's episode rode along with the second's (at most one execution
        // waits, so code that continues as new without ever waiting still commits as it goes); one episode each, three
        // writes, before.
        Assert.Equal(2, state.Revision);
        Assert.Single((await host.Client.GetHistoryAsync(id)).OfType<ExecutionStarted>());
    }

    [Fact]
    public async Task History_LongerThanARowHolds_GoesToABlobAndIsReadBack()
    {
        await using var host = await StartAsync();
        var plan = new LongInputsPlan(Activities: 9, InputLength: 30_000); // about 270,000 characters of history: more than 8 parts

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(LongInputs), plan);
        var result = await host.WaitAsync(id);
        var history = await host.Client.GetHistoryAsync(id);
        var row = await host.StateRowAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(9, history.OfType<TaskScheduled>().Count());
        Assert.StartsWith("blob:", row.GetString("History0"), StringComparison.Ordinal);
        Assert.Null(row.GetString("History1"));
    }

    private Task<EngineHost> StartAsync()
        => EngineHost.StartAsync(azurite.ConnectionString, azurite.NewTaskHub(), r => r.AddOrchestrator<LongInputs>().AddActivity<MeasureInput>());
}

/// <summary>How many activities <see cref="LongInputs"/> calls, and how long each one's input is.</summary>
public sealed record LongInputsPlan(int Activities, int InputLength);

/// <summary>Calls <see cref="MeasureInput"/> with long inputs, one after another; returns the total length.</summary>
public sealed class LongInputs : TaskOrchestrator<LongInputsPlan, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, LongInputsPlan plan)
    {
        var total = 0;
        for (var i = 0; i < plan.Activities; i++)
        {
            total += await context.CallActivityAsync<int>(nameof(MeasureInput), new string((char)('a' + (i % 26)), plan.InputLength));
        }

        return total;
    }
}

/// <summary>Returns the length of its input.</summary>
public sealed class MeasureInput : TaskActivity<string, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, string input) => Task.FromResult(input.Length);
}
