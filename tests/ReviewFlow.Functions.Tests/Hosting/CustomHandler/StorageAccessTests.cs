using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReviewFlow.Durable;
using ReviewFlow.Functions.Hosting;
using ReviewFlow.Functions.Hosting.CustomHandler;
using Xunit;

namespace ReviewFlow.Functions.Tests.Hosting.CustomHandler;

/// <summary>Which storage account the service uses, and how: connection string, or endpoints plus a managed identity.</summary>
public sealed class StorageAccessTests
{
    private static IConfiguration Settings(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void FromConfiguration_AccountNameOnly_UsesTheAccountsEndpointsWithAManagedIdentity()
    {
        var access = StorageAccess.FromConfiguration(Settings(("AzureWebJobsStorage:accountName", "rfprodstore"), ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001")));
        var engine = new DurableStorageOptions();
        access.Configure(engine);

        Assert.True(access.UsesIdentity);
        Assert.Null(engine.ConnectionString);
        Assert.Equal(new Uri("https://rfprodstore.table.core.windows.net"), engine.TableServiceUri);
        Assert.Equal(new Uri("https://rfprodstore.queue.core.windows.net"), engine.QueueServiceUri);
        Assert.Equal(new Uri("https://rfprodstore.blob.core.windows.net"), engine.BlobServiceUri);
        Assert.IsType<Azure.Identity.ManagedIdentityCredential>(engine.Credential);
        var tables = access.Tables();
        Assert.Equal("rfprodstore", tables.AccountName);
        Assert.Equal(new Uri("https://rfprodstore.table.core.windows.net"), tables.Uri);
    }

    [Fact]
    public void FromConfiguration_ReviewFlowsOwnAccount_WinsOverTheHosts()
    {
        var access = StorageAccess.FromConfiguration(Settings(("AzureWebJobsStorage:accountName", "hoststore"), ("ReviewFlow:StorageAccountName", "flowstore")));

        Assert.Equal("flowstore", access.AccountName);
    }

    [Fact]
    public void FromConfiguration_ConnectionStringAndAccount_PrefersTheConnectionString()
    {
        var access = StorageAccess.FromConfiguration(Settings(("AzureWebJobsStorage", "UseDevelopmentStorage=true"), ("AzureWebJobsStorage:accountName", "")));
        var engine = new DurableStorageOptions();
        access.Configure(engine);

        Assert.False(access.UsesIdentity);
        Assert.Equal("UseDevelopmentStorage=true", engine.ConnectionString);
        Assert.Null(engine.Credential);
    }

    [Fact]
    public void FromConfiguration_NothingConfigured_FailsNamingTheSettings()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => StorageAccess.FromConfiguration(Settings(("AzureWebJobsStorage", " "))));

        Assert.StartsWith("Invalid ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("set AzureWebJobsStorage (a connection string) or AzureWebJobsStorage__accountName (managed identity", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_AccountNameNotAnAccountName_FailsNamingTheSetting()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => StorageAccess.FromConfiguration(Settings(("AzureWebJobsStorage:accountName", "https://x.blob.core.windows.net"))));

        Assert.Contains("AzureWebJobsStorage__accountName", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_UnderTheFunctionsHostWithIdentityStorage_WiresTheEngineToTheAccount()
    {
        var settings = new Dictionary<string, string?>
        {
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = "0",
            ["AzureWebJobsStorage:accountName"] = "rfprodstore",
            ["Links:PublicBaseUrl"] = "https://reviewflow.example.test",
            ["Links:SigningKeys:0:Id"] = "k1",
            ["Links:SigningKeys:0:Secret"] = Convert.ToBase64String(new byte[32]),
        };

        // Built, not started: nothing here can reach Azure.
        await using var app = ReviewFlowWebApp.Build(new ServiceStart("http://127.0.0.1:0", "", settings));
        var engine = app.Services.GetRequiredService<DurableStorageOptions>();

        Assert.Null(engine.ConnectionString);
        Assert.Equal(new Uri("https://rfprodstore.queue.core.windows.net"), engine.QueueServiceUri);
        Assert.NotNull(engine.Credential);
        // Handler mode: the engine's own pollers are not a hosted service.
        Assert.DoesNotContain(app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), s => s is Durable.Worker.DurableTaskWorker);
    }

    [Fact]
    public void Build_NoStorageAtAll_FailsAtStartUpNamingTheSettings()
    {
        var settings = new Dictionary<string, string?> { ["FUNCTIONS_CUSTOMHANDLER_PORT"] = "0" };

        var failure = Assert.Throws<InvalidOperationException>(() => ReviewFlowWebApp.Build(new ServiceStart("http://127.0.0.1:0", "", settings)));

        Assert.Contains("AzureWebJobsStorage__accountName", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_PortNotANumber_FailsNamingTheVariable()
    {
        var settings = new Dictionary<string, string?> { ["FUNCTIONS_CUSTOMHANDLER_PORT"] = "eighty" };

        var failure = Assert.Throws<InvalidOperationException>(() => ReviewFlowWebApp.Build(new ServiceStart("http://127.0.0.1:0", "UseDevelopmentStorage=true", settings)));

        Assert.Contains("FUNCTIONS_CUSTOMHANDLER_PORT", failure.Message, StringComparison.Ordinal);
    }
}
