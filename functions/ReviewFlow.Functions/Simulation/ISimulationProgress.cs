using ReviewFlow.DevStorage;

namespace ReviewFlow.Functions.Simulation;

/// <summary>How a simulation shows what it is doing: live on a terminal, or not at all in tests.</summary>
public interface ISimulationProgress
{
    /// <summary>Shows that storage is starting while <paramref name="start"/> runs.</summary>
    Task<AzuriteServer> StartingStorageAsync(Func<Task<AzuriteServer>> start);

    /// <summary>Runs <paramref name="watch"/>, which reports (cycles finished, virtual time) as the quarter advances.</summary>
    Task RunQuarterAsync(int cycles, Func<Action<int, DateTimeOffset>, Task> watch);
}

/// <summary>No output: for tests and benchmarks.</summary>
public sealed class SilentProgress : ISimulationProgress
{
    /// <inheritdoc/>
    public Task<AzuriteServer> StartingStorageAsync(Func<Task<AzuriteServer>> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        return start();
    }

    /// <inheritdoc/>
    public Task RunQuarterAsync(int cycles, Func<Action<int, DateTimeOffset>, Task> watch)
    {
        ArgumentNullException.ThrowIfNull(watch);
        return watch((_, _) => { });
    }
}
