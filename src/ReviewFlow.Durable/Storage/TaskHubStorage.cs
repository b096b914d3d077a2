using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace ReviewFlow.Durable.Storage;

/// <summary>
/// The task hub's storage resources, all prefixed with the hub name: the Instances, History and Timers
/// tables, the partitioned control queues, the work-item and poison queues, and the payload container.
/// </summary>
internal sealed class TaskHubStorage
{
    public TaskHubStorage(DurableStorageOptions options, StorageOperationCounter counter)
    {
        options.Validate();
        Options = options;
        Counter = counter;
        var hub = options.TaskHubName;

        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(counter, HttpPipelinePosition.PerCall);
        var queueOptions = new QueueClientOptions();
        queueOptions.AddPolicy(counter, HttpPipelinePosition.PerCall);
        var blobOptions = new BlobClientOptions();
        blobOptions.AddPolicy(counter, HttpPipelinePosition.PerCall);

        TableServiceClient tables;
        QueueServiceClient queues;
        BlobServiceClient blobs;
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            tables = new TableServiceClient(options.ConnectionString, tableOptions);
            queues = new QueueServiceClient(options.ConnectionString, queueOptions);
            blobs = new BlobServiceClient(options.ConnectionString, blobOptions);
        }
        else
        {
            tables = new TableServiceClient(options.TableServiceUri!, options.Credential!, tableOptions);
            queues = new QueueServiceClient(options.QueueServiceUri!, options.Credential!, queueOptions);
            blobs = new BlobServiceClient(options.BlobServiceUri!, options.Credential!, blobOptions);
        }

        Instances = tables.GetTableClient($"{hub}Instances");
        History = tables.GetTableClient($"{hub}History");
        Timers = tables.GetTableClient($"{hub}Timers");
        ControlQueues = [.. Enumerable.Range(0, options.ControlQueueCount).Select(i => queues.GetQueueClient(TaskHubQueueNames.ControlQueue(hub, i)))];
        WorkItems = queues.GetQueueClient(TaskHubQueueNames.WorkItems(hub));
        Poison = queues.GetQueueClient(TaskHubQueueNames.Poison(hub));
        Payloads = blobs.GetBlobContainerClient($"{hub}-payloads");
    }

    public DurableStorageOptions Options { get; }

    public StorageOperationCounter Counter { get; }

    public TableClient Instances { get; }

    public TableClient History { get; }

    public TableClient Timers { get; }

    public IReadOnlyList<QueueClient> ControlQueues { get; }

    public QueueClient WorkItems { get; }

    public QueueClient Poison { get; }

    public BlobContainerClient Payloads { get; }

    /// <summary>The control queue that carries an instance's messages (stable FNV-1a hash of the id).</summary>
    public QueueClient ControlQueueFor(string instanceId) => ControlQueues[PartitionOf(instanceId, ControlQueues.Count)];

    public static int PartitionOf(string instanceId, int partitions)
    {
        var hash = 2166136261u;
        foreach (var c in instanceId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)partitions);
    }

    /// <summary>Messages on the control and work-item queues now, hidden ones included (one request per queue, all at once).</summary>
    public async Task<long> CountQueuedMessagesAsync(CancellationToken cancellationToken)
    {
        var counts = await Task.WhenAll(ControlQueues.Append(WorkItems)
            .Select(async queue => (long)(await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount));
        return counts.Sum();
    }

    /// <summary>Creates whatever does not exist yet. Safe to call from many processes.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var creations = new List<Task>
        {
            Instances.CreateIfNotExistsAsync(cancellationToken),
            History.CreateIfNotExistsAsync(cancellationToken),
            Timers.CreateIfNotExistsAsync(cancellationToken),
            WorkItems.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            Poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            Payloads.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
        };
        creations.AddRange(ControlQueues.Select(q => q.CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        await Task.WhenAll(creations);
    }

    /// <summary>Deletes every resource of the hub (tests and benchmarks).</summary>
    public async Task DeleteAllAsync(CancellationToken cancellationToken)
    {
        var deletions = new List<Task>
        {
            Instances.DeleteAsync(cancellationToken),
            History.DeleteAsync(cancellationToken),
            Timers.DeleteAsync(cancellationToken),
            WorkItems.DeleteIfExistsAsync(cancellationToken),
            Poison.DeleteIfExistsAsync(cancellationToken),
            Payloads.DeleteIfExistsAsync(cancellationToken: cancellationToken),
        };
        deletions.AddRange(ControlQueues.Select(q => q.DeleteIfExistsAsync(cancellationToken)));
        await Task.WhenAll(deletions);
    }
}
