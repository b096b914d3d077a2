using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using ReviewFlow.Tables;
using ReviewFlow.Durable.Storage;
using ReviewFlow.Testing;
using Xunit;

namespace ReviewFlow.Durable.Tests.Worker;

/// <summary>
/// State rows of one partition written while an earlier write is in flight go together as one transaction, and each
/// write still gets its own answer: its new ETag, or null when another writer changed the row first. The first request
/// is held in flight until every other write has arrived, so which writes share a transaction is known.
/// </summary>
public sealed class PartitionBatchWriterTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task WritesArrivingWhileOneIsInFlight_GoAsOneTransaction_EachWithItsOwnETag()
    {
        var (table, held, requests) = await NewTableAsync();
        var writer = new PartitionBatchWriter(held);

        var first = writer.WriteAsync(Write(Row("r-first", "1"), null, TableUpdateMode.Replace), CancellationToken.None);
        await requests.FirstInFlight;
        var others = Enumerable.Range(0, 40)
            .Select(i => writer.WriteAsync(Write(Row($"r-{i}", "1"), null, TableUpdateMode.Replace), CancellationToken.None))
            .ToList();
        requests.Release();
        var etags = await Task.WhenAll(others.Prepend(first));

        Assert.Equal(["POST table", "POST $batch"], requests.Sent);
        Assert.All(etags, etag => Assert.NotNull(etag));
        var stored = await table.GetEntityAsync<TableEntity>("p", "r-7");
        Assert.Equal(etags[8], stored.Value.ETag); // r-7 is the eighth of the others, after the first
    }

    [Fact]
    public async Task AStaleWriteInATransaction_IsAConflict_AndTheOthersAreStillWritten()
    {
        var (table, held, requests) = await NewTableAsync();
        var a = await table.AddEntityAsync(Row("a", "0"));
        var b = await table.AddEntityAsync(Row("b", "0"));
        var c = await table.AddEntityAsync(Row("c", "0"));
        await table.UpdateEntityAsync(Row("b", "changed by another worker"), b.Headers.ETag!.Value, TableUpdateMode.Merge);
        var writer = new PartitionBatchWriter(held);

        var first = writer.WriteAsync(Write(Row("x", "1"), null, TableUpdateMode.Replace), CancellationToken.None);
        await requests.FirstInFlight;
        var writeA = writer.WriteAsync(Write(Row("a", "1"), a.Headers.ETag, TableUpdateMode.Merge), CancellationToken.None);
        var writeB = writer.WriteAsync(Write(Row("b", "1"), b.Headers.ETag, TableUpdateMode.Merge), CancellationToken.None);
        var writeC = writer.WriteAsync(Write(Row("c", "1"), c.Headers.ETag, TableUpdateMode.Replace), CancellationToken.None);
        requests.Release();

        Assert.NotNull(await first);
        Assert.NotNull(await writeA);
        Assert.Null(await writeB);
        Assert.NotNull(await writeC);
        Assert.Equal("1", await ValueAsync(table, "a"));
        Assert.Equal("changed by another worker", await ValueAsync(table, "b"));
        Assert.Equal("1", await ValueAsync(table, "c"));
        Assert.Equal(["POST table", "POST $batch", "POST $batch"], requests.Sent); // failed on b, then a and c again
    }

    [Fact]
    public async Task TheSameRowTwice_GoesInTwoRequests_AndTheSecondWriteWithTheOldETagConflicts()
    {
        var (table, held, requests) = await NewTableAsync();
        var row = await table.AddEntityAsync(Row("same", "0"));
        var writer = new PartitionBatchWriter(held);

        var first = writer.WriteAsync(Write(Row("x", "1"), null, TableUpdateMode.Replace), CancellationToken.None);
        await requests.FirstInFlight;
        var once = writer.WriteAsync(Write(Row("same", "1"), row.Headers.ETag, TableUpdateMode.Merge), CancellationToken.None);
        var other = writer.WriteAsync(Write(Row("y", "1"), null, TableUpdateMode.Replace), CancellationToken.None);
        var twice = writer.WriteAsync(Write(Row("same", "2"), row.Headers.ETag, TableUpdateMode.Merge), CancellationToken.None);
        requests.Release();

        Assert.NotNull(await first);
        Assert.NotNull(await once);
        Assert.NotNull(await other);
        Assert.Null(await twice);
        Assert.Equal("1", await ValueAsync(table, "same"));
        Assert.Equal(["POST table", "POST $batch", "PATCH table"], requests.Sent);
    }

    [Fact]
    public async Task WritesLargerThanOneTransactionHolds_AreSplit()
    {
        var (table, held, requests) = await NewTableAsync();
        var writer = new PartitionBatchWriter(held);
        var large = new string('h', 30_000);

        var first = writer.WriteAsync(Write(Row("x", "1"), null, TableUpdateMode.Replace), CancellationToken.None);
        await requests.FirstInFlight;

        // Three rows of 240,000 characters: two fit under the limit of a transaction, the third goes alone.
        Assert.InRange(PartitionBatchWriter.MaxCharsPerTransaction, 2 * 8 * (large.Length + 10), (3 * 8 * large.Length) - 1);
        var rows = Enumerable.Range(0, 3).Select(i =>
        {
            var entity = Row($"big-{i}", "1");
            for (var part = 0; part < 8; part++)
            {
                entity[$"Part{part}"] = large;
            }

            return writer.WriteAsync(Write(entity, null, TableUpdateMode.Replace), CancellationToken.None);
        }).ToList();
        requests.Release();
        await first;

        Assert.All(await Task.WhenAll(rows), etag => Assert.NotNull(etag));
        Assert.Equal(["POST table", "POST $batch", "POST table"], requests.Sent);
        Assert.Equal(large, (await table.GetEntityAsync<TableEntity>("p", "big-2")).Value.GetString("Part7"));
    }

    [Fact]
    public async Task DeletesAndUpserts_GoTogether_AndADeleteOfARowAlreadyGoneIsDone()
    {
        var (table, held, requests) = await NewTableAsync();
        foreach (var key in new[] { "d1", "d2", "d3" })
        {
            await table.AddEntityAsync(Row(key, "0"));
        }

        var writer = new PartitionBatchWriter(held);
        var first = writer.WriteAsync(Write(Row("x", "1"), null, TableUpdateMode.Replace), CancellationToken.None);
        await requests.FirstInFlight;
        var writes = new[] { "d1", "gone", "d2", "d3" }
            .Select(key => writer.WriteAsync(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity("p", key), ETag.All), CancellationToken.None))
            .Append(writer.WriteAsync(new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row("u", "1")), CancellationToken.None))
            .ToList();
        requests.Release();
        await first;
        await Task.WhenAll(writes);

        var left = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["RowKey"]))
        {
            left.Add(row.RowKey);
        }

        Assert.Equal(["u", "x"], left.Order());
        Assert.Equal(["POST table", "POST $batch", "POST $batch"], requests.Sent); // failed on "gone", then the others again
    }

    private static TableEntity Row(string rowKey, string value) => new("p", rowKey) { ["Value"] = value };

    /// <summary>An insert without an ETag, otherwise an update guarded by it.</summary>
    private static TableTransactionAction Write(TableEntity row, ETag? etag, TableUpdateMode mode) => etag is { } match
        ? new TableTransactionAction(mode == TableUpdateMode.Merge ? TableTransactionActionType.UpdateMerge : TableTransactionActionType.UpdateReplace, row, match)
        : new TableTransactionAction(TableTransactionActionType.Add, row);

    private static async Task<string?> ValueAsync(TableClient table, string rowKey)
        => (await table.GetEntityAsync<TableEntity>("p", rowKey)).Value.GetString("Value");

    /// <summary>A new table, a client of it for the test's own set-up and reads, and one for the writer that holds its first request.</summary>
    private async Task<(TableClient Table, TableClient Held, HoldFirstRequest Requests)> NewTableAsync()
    {
        var name = "writer" + Guid.NewGuid().ToString("N")[..10];
        var table = new TableClient(azurite.ConnectionString, name);
        await table.CreateAsync();
        var requests = new HoldFirstRequest();
        var options = new TableClientOptions();
        options.AddPolicy(requests, HttpPipelinePosition.PerCall);
        return (table, new TableClient(azurite.ConnectionString, name, options), requests);
    }

    /// <summary>Holds the first request until released, and records each request as "METHOD table" or "METHOD $batch".</summary>
    private sealed class HoldFirstRequest : HttpPipelinePolicy
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _firstArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<string> _sent = [];

        public IReadOnlyList<string> Sent
        {
            get
            {
                lock (_sent)
                {
                    return [.. _sent];
                }
            }
        }

        /// <summary>Completes when the first request is in flight (and held).</summary>
        public Task FirstInFlight => _firstArrived.Task;

        public void Release() => _release.TrySetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            bool isFirst;
            lock (_sent)
            {
                isFirst = _sent.Count == 0;
                var path = message.Request.Uri.Path;
                _sent.Add($"{message.Request.Method} {(path.EndsWith("$batch", StringComparison.Ordinal) ? "$batch" : "table")}");
            }

            if (isFirst)
            {
                _firstArrived.TrySetResult();
                await _release.Task;
            }

            await ProcessNextAsync(message, pipeline);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
            => throw new NotSupportedException("The writer sends asynchronously.");
    }
}
