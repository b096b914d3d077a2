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
    private const string PerWeekSuffix = "PerWeek";

    private const string GenericWhy = "It is one of the figures we agreed to look at together, so we can both see progress early and talk about support.";

    // Built once: the default catalogue is read for every expectation set, check-in and review.
    private static readonly MetricCatalogue DefaultCatalogue = new(
    [
        new("revenue", MetricKind.OutcomeTotal, "£",
            "Revenue is the result the team is measured on, so seeing it together tells us early whether the quarter is on course."),
        new("dealsWon", MetricKind.OutcomeTotal, "deals",
            "Deals won show how the pipeline turns into customers, which helps us spot where support would make the biggest difference."),
        new("newConversationsPerWeek", MetricKind.PerWeekIndicator, "conversations",
            "New conversations are the earliest sign of the pipeline to come, so we can adjust together long before results show a gap."),
        new("proposalTurnaroundDays", MetricKind.LowerIsBetter, "days",
            "Quick proposals keep buyers engaged, and knowing where time goes helps us remove what slows you down."),
        new("pipelineCoverage", MetricKind.PerWeekIndicator, "× target",
            "Enough pipeline against target gives you room to choose the best opportunities, and lets us plan support before it is tight."),
        new("conversionRate", MetricKind.PerWeekIndicator, "%",
            "Conversion shows how well opportunities move forward, so we can work out together which stage deserves attention."),
    ]);

    /// <summary>revenue, dealsWon, newConversationsPerWeek, proposalTurnaroundDays (lower is better), pipelineCoverage, conversionRate.</summary>
    public static MetricCatalogue Default => DefaultCatalogue;

    /// <summary>The definition for <paramref name="key"/>, inferred from its name when not catalogued.</summary>
    public MetricDefinition Resolve(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        foreach (var definition in Definitions)
        {
            if (string.Equals(definition.Key, key, StringComparison.Ordinal))
            {
                return definition;
            }
        }

        var kind = key.Length > PerWeekSuffix.Length && key.EndsWith(PerWeekSuffix, StringComparison.Ordinal)
            ? MetricKind.PerWeekIndicator
            : MetricKind.OutcomeTotal;
        return new MetricDefinition(key, kind, string.Empty, GenericWhy);
    }

    /// <summary>This catalogue with <paramref name="overrides"/> replacing or adding definitions by key.</summary>
    public MetricCatalogue With(IEnumerable<MetricDefinition> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var merged = Definitions.ToList();
        foreach (var definition in overrides)
        {
            ArgumentNullException.ThrowIfNull(definition);
            var index = merged.FindIndex(d => string.Equals(d.Key, definition.Key, StringComparison.Ordinal));
            if (index >= 0)
            {
                merged[index] = definition;
            }
            else
            {
                merged.Add(definition);
            }
        }

        return new MetricCatalogue(merged);
    }
}
