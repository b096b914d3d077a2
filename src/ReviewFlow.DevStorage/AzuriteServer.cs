using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ReviewFlow.DevStorage;

/// <summary>
/// A running Azurite (blob, queue and table) on free loopback ports, in memory, from the repository's
/// node_modules. Dispose to stop it. If this process ends first, Azurite goes with it: killed on a normal
/// exit, and exiting by itself when this process is killed (it watches the stdin pipe we hold open).
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    private readonly CapturedProcess _process;
    private readonly AzuritePorts _ports;
    private readonly ILogger _logger;
    private int _disposed;

    private AzuriteServer(CapturedProcess process, AzuritePorts ports, ILogger logger)
    {
        _process = process;
        _ports = ports;
        _logger = logger;
        ConnectionString = DevStorageConnectionString.For(ports);
    }

    /// <summary>A storage connection string for the well-known dev account on this instance's ports.</summary>
    public string ConnectionString { get; }

    /// <summary>The blob service port on 127.0.0.1.</summary>
    public int BlobPort => _ports.Blob;

    /// <summary>The queue service port on 127.0.0.1.</summary>
    public int QueuePort => _ports.Queue;

    /// <summary>The table service port on 127.0.0.1.</summary>
    public int TablePort => _ports.Table;

    /// <summary>The PID of the node process running Azurite.</summary>
    public int ProcessId => _process.Id;

    /// <summary>
    /// Finds the repository root, installs Azurite with <c>npm ci</c> if it is missing, starts it on free
    /// ports and returns once all three services answer.
    /// </summary>
    /// <param name="options">Where to look, how long to wait, where to log. Defaults when null.</param>
    /// <param name="cancellationToken">Stops waiting; a half-started Azurite is killed.</param>
    /// <exception cref="AzuriteStartupException">Azurite could not be found, installed or started.</exception>
    public static async Task<AzuriteServer> StartAsync(AzuriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AzuriteOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.StartupTimeout, TimeSpan.Zero, nameof(options));
        if (options.MaxHeapMegabytes is < 64)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxHeapMegabytes, "MaxHeapMegabytes must be at least 64 (MiB).");
        }

        ILogger logger = options.Logger ?? NullLogger.Instance;

        string repositoryRoot = RepositoryRootLocator.Find(options.RepositoryRoot);
        string script = await AzuriteInstaller.EnsureInstalledAsync(repositoryRoot, logger, cancellationToken).ConfigureAwait(false);
        (CapturedProcess process, AzuritePorts ports) = await AzuriteLauncher
            .LaunchAsync(repositoryRoot, script, options.StartupTimeout, options.MaxHeapMegabytes, logger, cancellationToken)
            .ConfigureAwait(false);
        return new AzuriteServer(process, ports, logger);
    }

    /// <summary>Kills Azurite and anything it started, and waits until it has exited. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        DevStorageLog.Stopping(_logger, _process.Id);
        await _process.DisposeAsync().ConfigureAwait(false);
    }
}
