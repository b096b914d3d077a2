using System.Xml.Linq;
using Azure.Data.Tables;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace ReviewFlow.Functions.Hosting;

/// <summary>
/// ASP.NET Core's data-protection key ring in a table of the deployment's storage account. Anti-forgery tokens and
/// sign-in cookies are protected with it, so every instance of a scaled-out app must read the same ring: with the
/// default (a folder on each machine) a form opened on one instance is refused by the next.
/// </summary>
internal sealed class TableXmlRepository(TableClient table) : IXmlRepository
{
    private const string Partition = "keys";
    private readonly Lazy<TableClient> _table = new(() =>
    {
        table.CreateIfNotExists();
        return table;
    });

    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. _table.Value.Query<TableEntity>(e => e.PartitionKey == Partition).Select(e => XElement.Parse(e.GetString("Xml")!))];

    public void StoreElement(XElement element, string friendlyName) =>
        _table.Value.UpsertEntity(new TableEntity(Partition, friendlyName) { ["Xml"] = element.ToString(SaveOptions.DisableFormatting) });
}

/// <summary>Registers the shared key ring.</summary>
internal static class DataProtectionKeys
{
    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services, TableServiceClient tables, string taskHub)
    {
        // One application name per task hub: two deployments on one account never read each other's cookies.
        services.AddDataProtection().SetApplicationName("reviewflow-" + taskHub);
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new TableXmlRepository(tables.GetTableClient(taskHub + "DataProtection")));
        return services;
    }
}
