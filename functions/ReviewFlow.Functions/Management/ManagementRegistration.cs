using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ReviewFlow.Durable;
using ReviewFlow.Functions.Hosting;
using ReviewFlow.Functions.Web.Auth;

namespace ReviewFlow.Functions.Management;

/// <summary>The roster and the management operations the API exposes.</summary>
internal static class ManagementRegistration
{
    public static IServiceCollection AddManagement(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new RosterStore(
            Tables(sp.GetRequiredService<DurableStorageOptions>()),
            sp.GetRequiredService<ServiceOptions>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IManagerDirectory>(sp => sp.GetRequiredService<RosterStore>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RosterTableInitializer>());
        return services;
    }

    // The engine's storage account, reached the same way (connection string, or endpoint and managed identity).
    private static TableServiceClient Tables(DurableStorageOptions storage) =>
        storage.ConnectionString is { Length: > 0 } connection
            ? new TableServiceClient(connection)
            : new TableServiceClient(storage.TableServiceUri, storage.Credential);
}

/// <summary>Creates the roster table at start-up (idempotent).</summary>
internal sealed class RosterTableInitializer(RosterStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
