using System.Collections.Concurrent;

namespace ReviewFlow.Durable;

/// <summary>
/// Names orchestrators and activities. Orchestrators can be registered in several versions side by side,
/// so instances started on an old version keep replaying on it after a deployment.
/// </summary>
public sealed class DurableTaskRegistry
{
    /// <summary>The version used when none is given.</summary>
    public const string DefaultVersion = "1";

    private readonly ConcurrentDictionary<(string Name, string Version), Type> _orchestrators = new();
    private readonly ConcurrentDictionary<string, string> _latestVersions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Type> _activities = new(StringComparer.Ordinal);

    /// <summary>Registers an orchestrator class under its class name (or <paramref name="name"/>).</summary>
    public DurableTaskRegistry AddOrchestrator<TOrchestrator>(string? name = null, string version = DefaultVersion)
        where TOrchestrator : class, ITaskOrchestrator
        => AddOrchestrator(typeof(TOrchestrator), name, version);

    /// <summary>Registers an orchestrator type.</summary>
    public DurableTaskRegistry AddOrchestrator(Type orchestratorType, string? name = null, string version = DefaultVersion)
    {
        ArgumentNullException.ThrowIfNull(orchestratorType);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        if (!typeof(ITaskOrchestrator).IsAssignableFrom(orchestratorType))
        {
            throw new ArgumentException($"{orchestratorType} does not implement {nameof(ITaskOrchestrator)}.", nameof(orchestratorType));
        }

        name ??= orchestratorType.Name;
        if (!_orchestrators.TryAdd((name, version), orchestratorType))
        {
            throw new InvalidOperationException($"Orchestrator '{name}' version '{version}' is already registered.");
        }

        _latestVersions.AddOrUpdate(name, version, (_, current) => VersionComparer.Instance.Compare(version, current) > 0 ? version : current);
        return this;
    }

    /// <summary>Registers an activity class under its class name (or <paramref name="name"/>).</summary>
    public DurableTaskRegistry AddActivity<TActivity>(string? name = null)
        where TActivity : class, ITaskActivity
    {
        name ??= typeof(TActivity).Name;
        if (!_activities.TryAdd(name, typeof(TActivity)))
        {
            throw new InvalidOperationException($"Activity '{name}' is already registered.");
        }

        return this;
    }

    /// <summary>The newest registered version of an orchestrator, or null if unknown.</summary>
    public string? LatestVersionOf(string orchestratorName)
        => _latestVersions.TryGetValue(orchestratorName, out var version) ? version : null;

    internal Type? FindOrchestrator(string name, string version)
        => _orchestrators.TryGetValue((name, version), out var type) ? type : null;

    internal Type? FindActivity(string name)
        => _activities.TryGetValue(name, out var type) ? type : null;

    /// <summary>Orders versions numerically where they are numbers ("10" after "9"), else ordinally.</summary>
    private sealed class VersionComparer : IComparer<string>
    {
        public static readonly VersionComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            if (System.Version.TryParse(Normalize(x), out var vx) && System.Version.TryParse(Normalize(y), out var vy))
            {
                return vx.CompareTo(vy);
            }

            return string.CompareOrdinal(x, y);
        }

        private static string? Normalize(string? value) => value is not null && !value.Contains('.', StringComparison.Ordinal) ? value + ".0" : value;
    }
}
