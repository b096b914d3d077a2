using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using ReviewFlow.Bench.Workloads;
using ReviewFlow.Durable;
using ReviewFlow.Durable.Storage;
using ReviewFlow.Durable.Worker;

namespace ReviewFlow.Bench.Engine;

/// <summary>
/// The engine under test (worker + client) and, in a second service provider, a client used only to watch
/// progress. Two providers mean two <see cref="StorageOperationCounter"/>s, so the benchmark's own polling
/// never inflates the engine's operation count.
/// </summary>
internal sealed class BenchEngine : IAsyncDisposable
{
    private readonly ServiceProvider _engine;
    private readonly ServiceProvider _observer;
    private bool _workerStarted;

    private BenchEngine(ServiceProvider engine, ServiceProvider observer)
    {
        _engine = engine;
        _observer = observer;
        Client = engine.GetRequiredService<DurableTaskClient>();
        Worker = engine.GetRequiredService<DurableTaskWorker>();
        EngineOperations = engine.GetRequiredService<StorageOperationCounter>();
        ObserverClient = observer.GetRequiredService<DurableTaskClient>();
        ObserverOperations = observer.GetRequiredService<StorageOperationCounter>();
    }

    /// <summary>Schedules instances: its requests are part of an orchestration's cost.</summary>
    public DurableTaskClient Client { get; }

    public DurableTaskWorker Worker { get; }

    /// <summary>Every request of the worker and of <see cref="Client"/>.</summary>
    public StorageOperationCounter EngineOperations { get; }

    /// <summary>Polls and verifies; not part of the engine's cost.</summary>
    public DurableTaskClient ObserverClient { get; }

    public StorageOperationCounter ObserverOperations { get; }

    public static async Task<BenchEngine> StartAsync(
        string connectionString, string taskHub, Workload workload, BenchSettings settings, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var engine = Build(connectionString, taskHub, workload.Register, settings, loggers);
        var observer = Build(connectionString, taskHub, _ => { }, settings, loggers);
        var host = new BenchEngine(engine, observer);
        await host.Client.CreateTaskHubAsync(cancellationToken);
        await host.Worker.StartAsync(cancellationToken);
        host._workerStarted = true;
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        if (_workerStarted)
        {
            await Worker.StopAsync(CancellationToken.None);
        }

        await _observer.DisposeAsync();
        await _engine.DisposeAsync();
    }

    private static ServiceProvider Build(
        string connectionString, string taskHub, Action<DurableTaskRegistry> register, BenchSettings settings, ILoggerFactory loggers)
    {
        var services = new ServiceCollection();
        // Registered first: the engine only TryAdds its null logger factory.
        services.AddSingleton(loggers);
        services.AddReviewFlowDurable(
            storage =>
            {
                storage.ConnectionString = connectionString;
                storage.TaskHubName = taskHub;
                if (settings.ControlQueues is { } queues)
                {
                    storage.ControlQueueCount = queues;
                }
            },
            register,
            worker =>
            {
                if (settings.Concurrency is { } concurrency)
                {
                    worker.MaxConcurrentOrchestrations = concurrency;
                    worker.MaxConcurrentActivities = concurrency;
                }

                if (settings.MaxPollingInterval is { } interval)
                {
                    worker.MaxPollingInterval = interval;
                }
            });
        return services.BuildServiceProvider();
    }
}
