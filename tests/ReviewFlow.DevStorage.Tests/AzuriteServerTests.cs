using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Xunit;

namespace ReviewFlow.DevStorage.Tests;

public sealed class AzuriteServerTests
{
    [Fact]
    public async Task StartAsync_TwoAtOnce_GetDistinctFreePortsAndBothServeStorage()
    {
        var servers = await Task.WhenAll(AzuriteServer.StartAsync(), AzuriteServer.StartAsync());
        try
        {
            var ports = servers.SelectMany(s => new[] { s.BlobPort, s.QueuePort, s.TablePort }).ToList();
            Assert.Equal(6, ports.Distinct().Count());
            Assert.DoesNotContain(10000, ports);

            foreach (var server in servers)
            {
                var table = new TableServiceClient(server.ConnectionString).GetTableClient("probe");
                await table.CreateIfNotExistsAsync();
                await table.AddEntityAsync(new TableEntity("p", "r") { ["Value"] = server.TablePort });
                var queue = new QueueServiceClient(server.ConnectionString).GetQueueClient("probe");
                await queue.CreateIfNotExistsAsync();
                await queue.SendMessageAsync("hello");
                Assert.Equal("hello", (await queue.ReceiveMessageAsync()).Value.MessageText);
                Assert.Equal(server.TablePort, (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetInt32("Value"));
            }
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task DisposeAsync_StopsTheAzuriteProcess()
    {
        var server = await AzuriteServer.StartAsync();
        var pid = server.ProcessId;

        await server.DisposeAsync();

        Assert.False(IsRunning(pid), $"Azurite (pid {pid}) is still running after dispose.");
    }

    [Fact]
    public async Task StartAsync_MaxHeap_IsGivenToNodeAndAzuriteServes()
    {
        await using var server = await AzuriteServer.StartAsync(new AzuriteOptions { MaxHeapMegabytes = 200 });

        // The arguments node was started with (NUL-separated), as the kernel keeps them.
        var arguments = (await File.ReadAllTextAsync($"/proc/{server.ProcessId}/cmdline")).Split('\0');
        Assert.Contains("--max-old-space-size=200", arguments);
        var table = new TableServiceClient(server.ConnectionString).GetTableClient("capped");
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));
    }

    [Fact]
    public async Task StartAsync_MaxHeapBelow64_IsRefusedBeforeAnythingStarts()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => AzuriteServer.StartAsync(new AzuriteOptions { MaxHeapMegabytes = 10 }));

        Assert.Contains("MaxHeapMegabytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_NoRepositoryWithAzurite_FailsWithClearMessage()
    {
        var empty = Directory.CreateTempSubdirectory("no-azurite-");
        try
        {
            var error = await Assert.ThrowsAsync<AzuriteStartupException>(() =>
                AzuriteServer.StartAsync(new AzuriteOptions { RepositoryRoot = empty.FullName }));

            Assert.Contains("package.json", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
