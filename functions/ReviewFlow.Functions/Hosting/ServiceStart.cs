namespace ReviewFlow.Functions.Hosting;

/// <summary>How to start the service.</summary>
/// <param name="Urls">Addresses to listen on, e.g. "http://127.0.0.1:5080" (port 0 picks a free port).</param>
/// <param name="ConnectionString">The storage account (already resolved: configured, or the embedded Azurite's).</param>
/// <param name="Settings">Configuration on top of appsettings, environment variables and the command line (tests use it).</param>
/// <param name="LocalDevelopment">
/// True when running on the embedded Azurite: a missing link-signing key is replaced by a fresh one (links die
/// with the process) instead of failing start-up.
/// </param>
/// <param name="Clock">The clock of the engine, links and adapters; the system clock when null (tests pass a manual one).</param>
public sealed record ServiceStart(string Urls, string ConnectionString, IReadOnlyDictionary<string, string?>? Settings = null, bool LocalDevelopment = false, TimeProvider? Clock = null);
