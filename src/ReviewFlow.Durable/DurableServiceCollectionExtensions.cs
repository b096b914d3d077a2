using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReviewFlow.Durable.Storage;
using ReviewFlow.Durable.Worker;

namespace ReviewFlow.Durable;

/// <summary>Registers the durable engine.</summary>
public static class DurableServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine's client, worker and storage. The worker is not started automatically: host it with
    /// <c>AddHostedService(sp =&gt; sp.GetRequiredService&lt;DurableTaskWorker&gt;())</c> or start it yourself.
    /// A <see cref="TimeProvider"/> registered before this call (for example a <c>VirtualClock</c>) is used as the engine clock.
    /// </summary>
    public static IServiceCollection AddReviewFlowDurable(
        this IServiceCollection services,
        Action<DurableStorageOptions> configureStorage,
        Action<DurableTaskRegistry> registerTasks,
        Action<DurableWorkerOptions>? configureWorker = null)
    {
        ArgumentNullException.ThrowIfNull(configureStorage);
        ArgumentNullException.ThrowIfNull(registerTasks);

        var storageOptions = new DurableStorageOptions();
        configureStorage(storageOptions);
        storageOptions.Validate();
        var registry = new DurableTaskRegistry();
        registerTasks(registry);

        services.AddOptions<DurableWorkerOptions>()
            .Configure(o => configureWorker?.Invoke(o))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.TryAdd(ServiceDescriptor.Singleton(typeof(ILogger<>), typeof(Logger<>)));
        services.AddSingleton(storageOptions);
        services.AddSingleton(registry);
        services.AddSingleton<StorageOperationCounter>();
        services.AddSingleton<EngineCounters>();
        services.AddSingleton<TaskHubStorage>();
        services.AddSingleton<LargeTextStore>();
        services.AddSingleton<InstanceStore>();
        services.AddSingleton<InstanceTable>();
        services.AddSingleton<TimerStore>();
        services.AddSingleton<QueueCodec>();
        services.AddSingleton<QueueBacklog>();
        services.AddSingleton(sp => new WorkSignals(sp.GetRequiredService<DurableStorageOptions>().ControlQueueCount));
        services.AddSingleton<WorkTracker>();
        services.AddSingleton<ErrorMemory>();
        services.AddSingleton(sp => new InstanceCache(sp.GetRequiredService<IOptions<DurableWorkerOptions>>().Value.HistoryCacheCapacity));
        services.AddSingleton<LocalInbox>();
        services.AddSingleton<ActivitySlots>();
        services.AddSingleton<ActivityExecutor>();
        services.AddSingleton<LocalActivityRunner>();
        services.AddSingleton<OutboxExecutor>();
        services.AddSingleton<OrchestrationProcessor>();
        services.AddSingleton<ControlQueueDispatcher>();
        services.AddSingleton<ActivityDispatcher>();
        services.AddSingleton<TimerSweeper>();
        services.AddSingleton<OwnedHubRecovery>();
        services.AddSingleton(sp => new DurableTaskWorker(
            sp.GetRequiredService<TaskHubStorage>(),
            sp.GetRequiredService<ControlQueueDispatcher>(),
            sp.GetRequiredService<ActivityDispatcher>(),
            sp.GetRequiredService<TimerSweeper>(),
            sp.GetRequiredService<TimerStore>(),
            sp.GetRequiredService<QueueBacklog>(),
            sp.GetRequiredService<OwnedHubRecovery>(),
            sp.GetRequiredService<WorkTracker>(),
            sp.GetRequiredService<WorkSignals>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<IOptions<DurableWorkerOptions>>().Value.OwnsTaskHub));
        services.AddSingleton(sp => new DurableTriggerProcessor(
            sp.GetRequiredService<ControlQueueDispatcher>(),
            sp.GetRequiredService<ActivityDispatcher>(),
            sp.GetRequiredService<TimerSweeper>()));
        services.AddSingleton(sp => new DurableTaskClient(
            sp.GetRequiredService<TaskHubStorage>(),
            sp.GetRequiredService<InstanceTable>(),
            sp.GetRequiredService<InstanceStore>(),
            sp.GetRequiredService<TimerStore>(),
            sp.GetRequiredService<QueueCodec>(),
            sp.GetRequiredService<LargeTextStore>(),
            sp.GetRequiredService<DurableTaskRegistry>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<DurableWorkerOptions>>().Value.OwnsTaskHub ? sp.GetRequiredService<InstanceCache>() : null));
        return services;
    }
}
