using Azure.Core;
using Azure.Core.Pipeline;

namespace ReviewFlow.Durable.Storage;

/// <summary>Counts every request the storage SDKs send, so benchmarks can report operations per orchestration.</summary>
public sealed class StorageOperationCounter : HttpPipelineSynchronousPolicy
{
    private long _count;

    /// <summary>Requests sent so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <inheritdoc/>
    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
}
