using ReviewFlow.Domain.Reviews;

namespace ReviewFlow.Domain.Metrics;

/// <summary>One change between two expectation sets (null: the metric is absent on that side).</summary>
public sealed record TargetChange(string Key, double? From, double? To);

/// <summary>The quarter's targets for one seller: outcome targets and lead indicators, keyed by metric.</summary>
public sealed record ExpectationSet(IReadOnlyList<MetricTarget> Targets)
{
    /// <summary>Builds the set from metric → value, kinds from the catalogue, in the dictionary's key order.</summary>
    public static ExpectationSet From(IReadOnlyDictionary<string, double> values, MetricCatalogue catalogue) => throw new NotImplementedException();

    /// <summary>metric → value, in target order.</summary>
    public IReadOnlyDictionary<string, double> Values => throw new NotImplementedException();

    /// <summary>
    /// Problems, each naming the metric: at least one target; keys like "revenue" (a letter, then letters and
    /// digits, at most 64); values finite, not negative, and at most 1e12.
    /// </summary>
    public IReadOnlyList<string> Validate() => throw new NotImplementedException();

    /// <summary>What changes from this set to <paramref name="other"/>, by key, this set's keys first.</summary>
    public IReadOnlyList<TargetChange> Changes(ExpectationSet other) => throw new NotImplementedException();
}
