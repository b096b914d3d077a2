using ReviewFlow.DevStorage;

namespace ReviewFlow.Testing;

/// <summary>
/// One Azurite per test process, started on first use. Test classes share it and keep apart through
/// unique task hub names, which is far cheaper than one emulator per class.
/// </summary>
public static class SharedAzurite
{
    // ExecutionAndPublication: classes running in parallel must not start one Azurite each. A failed start
    // stays cached on purpose, so every class reports the same error at once instead of each waiting out
    // its own timeout.
    private static readonly Lazy<Task<AzuriteServer>> Server = new(
        () => AzuriteServer.StartAsync(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The shared server. It is never disposed by tests; <see cref="AzuriteServer"/> kills it when the test
    /// process exits.
    /// </summary>
    public static Task<AzuriteServer> GetAsync() => Server.Value;
}
