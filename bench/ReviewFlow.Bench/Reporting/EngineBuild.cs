using ReviewFlow.Durable;

namespace ReviewFlow.Bench.Reporting;

/// <summary>
/// Identifies the engine build that was measured. The engine changes under active optimisation; the module
/// version id (deterministic builds: same source, same id) ties each figure to exactly one build.
/// </summary>
internal static class EngineBuild
{
    public static string Describe()
    {
        var assembly = typeof(DurableTaskClient).Assembly;
        return $"{assembly.GetName().Name} {assembly.GetName().Version} mvid {assembly.ManifestModule.ModuleVersionId}";
    }
}
