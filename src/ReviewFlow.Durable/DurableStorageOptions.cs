using System.ComponentModel.DataAnnotations;
using Azure.Core;

namespace ReviewFlow.Durable;

/// <summary>
/// Where the engine keeps its state. Use a connection string locally (Azurite), or service URIs plus a
/// <see cref="TokenCredential"/> (managed identity) on Azure, where shared keys are disabled.
/// </summary>
public sealed class DurableStorageOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Durable";

    /// <summary>Prefix of every table, queue and container: lowercase letters and digits, starting with a letter, at most 16 characters.</summary>
    [Required]
    [RegularExpression("^[a-z][a-z0-9]{2,15}$", ErrorMessage = "TaskHubName must be 3-16 lowercase letters or digits, starting with a letter (it prefixes table, queue and container names).")]
    public string TaskHubName { get; set; } = "reviewflow";

    /// <summary>Storage connection string (Azurite or an account key). Leave empty to use the service URIs and a credential.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Table service endpoint, for identity-based access.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>Queue service endpoint, for identity-based access.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>Blob service endpoint, for identity-based access.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>Credential for identity-based access (for example a managed identity).</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>Number of control queues; instances are spread over them by a hash of their id.</summary>
    [Range(1, 16)]
    public int ControlQueueCount { get; set; } = 4;

    internal void Validate()
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            throw new InvalidOperationException($"Invalid {SectionName} options: {string.Join(" ", results.Select(r => r.ErrorMessage))}");
        }

        var hasUris = TableServiceUri is not null && QueueServiceUri is not null && BlobServiceUri is not null && Credential is not null;
        if (string.IsNullOrWhiteSpace(ConnectionString) && !hasUris)
        {
            throw new InvalidOperationException(
                $"Invalid {SectionName} options: set {SectionName}:ConnectionString, or all of TableServiceUri, QueueServiceUri, BlobServiceUri and a Credential.");
        }
    }
}
