using ReviewFlow.Domain.Reviews;

namespace ReviewFlow.Domain.Metrics;

/// <summary>What a metric is: how it is evaluated, its unit, and why it matters (every request says why, METHOD.md rule 7).</summary>
public sealed record MetricDefinition(string Key, MetricKind Kind, string Unit, string Why);

/// <summary>
/// The metrics an organisation uses. Keys not in the catalogue are still allowed: "…PerWeek" keys are per-week
/// indicators, anything else an outcome total; only the catalogue can declare "lower is better".
/// </summary>
public sealed record MetricCatalogue(IReadOnlyList<MetricDefinition> Definitions)
{
    /// <summary>revenue, dealsWon, newConversationsPerWeek, proposalTurnaroundDays (lower is better), pipelineCoverage, conversionRate.</summary>
    public static MetricCatalogue Default => throw new NotImplementedException();

    /// <summary>The definition for <paramref name="key"/>, inferred from its name when not catalogued.</summary>
    public MetricDefinition Resolve(string key) => throw new NotImplementedException();

    /// <summary>This catalogue with <paramref name="overrides"/> replacing or adding definitions by key.</summary>
    public MetricCatalogue With(IEnumerable<MetricDefinition> overrides) => throw new NotImplementedException();
}
