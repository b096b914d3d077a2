using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReviewFlow.Durable.Worker;

namespace ReviewFlow.Durable.Tests.Support;

/// <summary>
/// A worker and client on a fresh task hub of the shared Azurite. Disposing stops the worker and deletes the hub.
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    private EngineHost(ServiceProvider services, bool started)
    {
        Services = services;
        Client = services.GetRequiredService<DurableTaskClient>();
        Worker = services.GetRequiredService<DurableTaskWorker>();
        Started = started;
    }

    public ServiceProvider Services { get; }

    public DurableTaskClient Client { get; }

    public DurableTaskWorker Worker { get; }

    private bool Started { get; set; }

    /// <summary>When true, disposing leaves the hub for a later host (a "redeployment").</summary>
    private bool KeepTaskHub { get; init; }

    public static async Task<EngineHost> StartAsync(
        string connectionString,
        string taskHub,
        Action<DurableTaskRegistry> register,
        Action<DurableWorkerOptions>? configureWorker = null,
        Action<IServiceCollection>? configureServices = null,
        bool startWorker = true,
        bool keepTaskHub = false)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        configureServices?.Invoke(services);
        services.AddReviewFlowDurable(
            storage =>
            {
                storage.ConnectionString = connectionString;
                storage.TaskHubName = taskHub;
            },
            register,
            worker =>
            {
                worker.MaxPollingInterval = TimeSpan.FromMilliseconds(100);
                worker.TimerPollingInterval = TimeSpan.FromMilliseconds(100);
                configureWorker?.Invoke(worker);
            });
        var provider = services.BuildServiceProvider();
        var host = new EngineHost(provider, startWorker) { KeepTaskHub = keepTaskHub };
        await host.Client.CreateTaskHubAsync();
        if (startWorker)
        {
            await host.Worker.StartAsync(CancellationToken.None);
        }

        return host;
    }

    public async Task StartWorkerAsync()
    {
        await Worker.StartAsync(CancellationToken.None);
        Started = true;
    }

    /// <summary>Waits for completion with a generous guard so a hung engine fails the test instead of hanging it.</summary>
    public async Task<OrchestrationMetadata> WaitAsync(string instanceId, int seconds = 60)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, guard.Token);
        }
        catch (OperationCanceledException)
        {
            var metadata = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            throw new TimeoutException($"Instance {instanceId} did not finish within {seconds}s; it is {metadata?.RuntimeStatus.ToString() ?? "missing"}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Started)
        {
            await Worker.StopAsync(CancellationToken.None);
        }

        try
        {
            if (!KeepTaskHub)
            {
                await Client.DeleteTaskHubAsync();
            }
        }
        catch (Azure.RequestFailedException)
        {
            // Best effort: each test uses its own hub, so leftovers cannot leak into other tests.
        }

        await Services.DisposeAsync();
    }
}
