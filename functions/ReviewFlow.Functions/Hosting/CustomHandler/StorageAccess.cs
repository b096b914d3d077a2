using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using ReviewFlow.Durable;

namespace ReviewFlow.Functions.Hosting.CustomHandler;

/// <summary>
/// How the service reaches its storage account: a connection string (Azurite, or an account key), or the
/// account's endpoints with a managed identity (Azure, where shared keys are disabled). The engine, the
/// journal, the dev adapters, the used links and the sent log all go through the one account chosen here.
/// </summary>
internal sealed class StorageAccess
{
    /// <summary>The Functions host's storage setting; also ReviewFlow's unless ReviewFlow__StorageConnectionString is set.</summary>
    public const string HostStorageSetting = "AzureWebJobsStorage";

    /// <summary>Identity-based form of <see cref="HostStorageSetting"/>: the account name (Functions' own convention).</summary>
    public const string AccountNameSetting = "AzureWebJobsStorage:accountName";

    /// <summary>Client id of the user-assigned managed identity; absent means the system-assigned identity.</summary>
    public const string ClientIdSetting = "AzureWebJobsStorage:clientId";

    /// <summary>ReviewFlow's own account-name setting, for when the host's storage is configured differently.</summary>
    public const string ReviewFlowAccountNameSetting = "ReviewFlow:StorageAccountName";

    /// <summary>Said when nothing is configured; names the settings in their app-setting spelling.</summary>
    public const string MissingStorageMessage =
        "Invalid storage configuration: ReviewFlow needs storage: set AzureWebJobsStorage (a connection string) "
        + "or AzureWebJobsStorage__accountName (managed identity; with AzureWebJobsStorage__clientId for a user-assigned one).";

    private StorageAccess(string? connectionString, string? accountName, TokenCredential? credential)
    {
        ConnectionString = connectionString;
        AccountName = accountName;
        Credential = credential;
    }

    /// <summary>The connection string, when storage is reached by one.</summary>
    public string? ConnectionString { get; }

    /// <summary>The account name, when storage is reached by identity.</summary>
    public string? AccountName { get; }

    /// <summary>The identity, when storage is reached by identity.</summary>
    public TokenCredential? Credential { get; }

    /// <summary>True when the account is reached with a managed identity.</summary>
    public bool UsesIdentity => AccountName is not null;

    public static StorageAccess FromConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new StorageAccess(connectionString, null, null);
    }

    /// <summary>The account and identity named by <paramref name="accountName"/> and an optional user-assigned <paramref name="clientId"/>.</summary>
    public static StorageAccess FromIdentity(string accountName, string? clientId, TokenCredential? credential = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        credential ??= string.IsNullOrWhiteSpace(clientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        return new StorageAccess(null, accountName.Trim(), credential);
    }

    /// <summary>The connection string configured, if any: ReviewFlow's own setting first, then the host's.</summary>
    public static string? ConfiguredConnectionString(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var own = configuration[$"{ServiceOptions.SectionName}:{nameof(ServiceOptions.StorageConnectionString)}"];
        if (!string.IsNullOrWhiteSpace(own))
        {
            return own;
        }

        var host = configuration[HostStorageSetting];
        return string.IsNullOrWhiteSpace(host) ? null : host;
    }

    /// <summary>The account name configured for identity-based access, if any.</summary>
    public static string? ConfiguredAccountName(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var own = configuration[ReviewFlowAccountNameSetting];
        var host = configuration[AccountNameSetting];
        return !string.IsNullOrWhiteSpace(own) ? own : string.IsNullOrWhiteSpace(host) ? null : host;
    }

    /// <summary>
    /// Storage as configured: a connection string if one is set, else the identity-based account.
    /// </summary>
    /// <exception cref="InvalidOperationException">Neither is configured (the message names the settings), or the account name is not one.</exception>
    public static StorageAccess FromConfiguration(IConfiguration configuration)
    {
        if (ConfiguredConnectionString(configuration) is { } connectionString)
        {
            return FromConnectionString(connectionString);
        }

        if (ConfiguredAccountName(configuration) is not { } accountName)
        {
            throw new InvalidOperationException(MissingStorageMessage);
        }

        // Storage account names: 3-24 lowercase letters and digits. Anything else would only fail later, as a DNS error.
        if (accountName.Trim() is not { Length: >= 3 and <= 24 } trimmed || !trimmed.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
        {
            throw new InvalidOperationException(
                $"Invalid storage configuration: AzureWebJobsStorage__accountName (or ReviewFlow__StorageAccountName) is '{accountName}'; a storage account name is 3-24 lowercase letters and digits.");
        }

        return FromIdentity(accountName, configuration[ClientIdSetting]);
    }

    /// <summary>The endpoint of one of the account's services: https://{account}.{service}.core.windows.net.</summary>
    public Uri ServiceUri(string service) => new($"https://{AccountName}.{service}.core.windows.net");

    /// <summary>Points the engine at this account.</summary>
    public void Configure(DurableStorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (!UsesIdentity)
        {
            storage.ConnectionString = ConnectionString;
            return;
        }

        storage.ConnectionString = null;
        storage.TableServiceUri = ServiceUri("table");
        storage.QueueServiceUri = ServiceUri("queue");
        storage.BlobServiceUri = ServiceUri("blob");
        storage.Credential = Credential;
    }

    /// <summary>The table service, for the journal, dev adapters, used links and sent log.</summary>
    public TableServiceClient Tables() =>
        UsesIdentity ? new TableServiceClient(ServiceUri("table"), Credential) : new TableServiceClient(ConnectionString);
}
