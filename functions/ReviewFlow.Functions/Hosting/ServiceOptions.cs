namespace ReviewFlow.Functions.Hosting;

/// <summary>The service's own settings (configuration section "ReviewFlow").</summary>
public sealed class ServiceOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "ReviewFlow";

    /// <summary>
    /// Azure Storage connection string for the engine, the journal and the dev adapters. Empty: the
    /// <c>AzureWebJobsStorage</c> setting (the Functions host's own) is used; with neither, <c>serve</c> starts Azurite.
    /// </summary>
    public string? StorageConnectionString { get; set; }

    /// <summary>The task hub: prefixes every table, queue and container of this deployment.</summary>
    public string TaskHub { get; set; } = "reviewflow";

    /// <summary>Where the dev outbox writes <c>.eml</c> files when no SendGrid key is configured.</summary>
    public string OutboxDirectory { get; set; } = "out/outbox";

    /// <summary>Largest request body accepted, in bytes (forms and API calls; a roster import is the biggest).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The storage account's name, for identity-based access (managed identity) when <c>AzureWebJobsStorage__accountName</c>
    /// is not the account to use. Ignored when a connection string is configured.
    /// </summary>
    public string? StorageAccountName { get; set; }

    /// <summary>First month of the fiscal year (1-12), for the quarter-kickoff timer.</summary>
    public int FiscalYearFirstMonth { get; set; } = 1;

    /// <summary>The weekday quarters start on, for the quarter-kickoff timer.</summary>
    public DayOfWeek QuarterStartsOn { get; set; } = DayOfWeek.Monday;
}
