using ReviewFlow.Durable.Tests.Support;
using ReviewFlow.Testing;
using Xunit;

namespace ReviewFlow.Durable.Tests.Worker;

public sealed class BasicOrchestrationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ActivitySequence_RunsInOrder_CompletesWithOutput(bool localActivityDispatch)
    {
        await using var host = await EngineHost.StartAsync(
            azurite.ConnectionString,
            azurite.NewTaskHub(),
            registry => registry.AddOrchestrator<GreetingSequenceOrchestrator>().AddActivity<Greet>(),
            configureWorker: worker => worker.LocalActivityDispatch = localActivityDispatch);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetingSequenceOrchestrator), "ana");
        var result = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("hello ana-1,hello ana-2,hello ana-3", result.ReadOutputAs<string>());
        Assert.Equal("ana", result.ReadInputAs<string>());
        Assert.NotNull(result.CompletedAt);
    }
}
