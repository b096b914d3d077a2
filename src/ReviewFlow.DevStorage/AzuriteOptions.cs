using Microsoft.Extensions.Logging;

namespace ReviewFlow.DevStorage;

/// <summary>How <see cref="AzuriteServer.StartAsync"/> finds, installs and waits for Azurite.</summary>
public sealed record AzuriteOptions
{
    /// <summary>
    /// A folder inside the repository whose <c>package.json</c> lists Azurite. The search walks up from here.
    /// When null, the search starts at <see cref="AppContext.BaseDirectory"/> and then the current directory,
    /// which finds the repository from any test or sample output folder.
    /// </summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>
    /// How long all start attempts together may take before giving up; must be positive. Does not include a
    /// first-time <c>npm ci</c>, which has its own, longer limit.
    /// </summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Caps the JavaScript heap of Azurite's node process (<c>--max-old-space-size</c>), in MiB; null leaves node's
    /// default. In-memory Azurite holds everything stored, and node lets garbage pile up to well past that before
    /// collecting it; a cap makes it collect sooner. It must exceed what is stored, or node stops with "JavaScript
    /// heap out of memory". At least 64.
    /// </summary>
    public int? MaxHeapMegabytes { get; init; }

    /// <summary>Receives progress messages (install, start, ports, stop). Optional.</summary>
    public ILogger? Logger { get; init; }
}
