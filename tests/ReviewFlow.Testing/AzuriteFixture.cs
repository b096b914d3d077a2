using ReviewFlow.DevStorage;

using Xunit;

namespace ReviewFlow.Testing;

/// <summary>
/// Class fixture giving a test class the shared Azurite (<see cref="SharedAzurite"/>) and fresh task hub
/// names. Use as <c>IClassFixture&lt;AzuriteFixture&gt;</c>; call <see cref="NewTaskHub"/> per test so tests
/// do not see each other's state.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? _server;

    /// <summary>Connection string of the shared Azurite.</summary>
    public string ConnectionString => Server.ConnectionString;

    /// <summary>The shared Azurite, for tests that need its ports or PID.</summary>
    public AzuriteServer Server => _server
        ?? throw new InvalidOperationException("AzuriteFixture is not initialized; use it through IClassFixture<AzuriteFixture>.");

    /// <summary>A new unique task hub name (see <see cref="TaskHubNames.New"/>).</summary>
    public string NewTaskHub() => TaskHubNames.New();

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _server = await SharedAzurite.GetAsync();
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        // The server is shared by every class in the process; it is stopped at process exit, not here.
        return Task.CompletedTask;
    }
}
