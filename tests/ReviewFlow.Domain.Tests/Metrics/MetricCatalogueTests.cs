using ReviewFlow.Domain.Metrics;
using ReviewFlow.Domain.Reviews;
using Xunit;

namespace ReviewFlow.Domain.Tests.Metrics;

public sealed class MetricCatalogueTests
{
    public static TheoryData<string> DefaultKeys =>
        ["revenue", "dealsWon", "newConversationsPerWeek", "proposalTurnaroundDays", "pipelineCoverage", "conversionRate"];

    [Theory]
    [InlineData("revenue", MetricKind.OutcomeTotal, "£")]
    [InlineData("dealsWon", MetricKind.OutcomeTotal, "deals")]
    [InlineData("newConversationsPerWeek", MetricKind.PerWeekIndicator, "conversations")]
    [InlineData("proposalTurnaroundDays", MetricKind.LowerIsBetter, "days")]
    [InlineData("pipelineCoverage", MetricKind.PerWeekIndicator, "× target")]
    [InlineData("conversionRate", MetricKind.PerWeekIndicator, "%")]
    public void Resolve_DefaultCatalogue_ReturnsCataloguedKindAndUnit(string key, MetricKind kind, string unit)
    {
        var definition = MetricCatalogue.Default.Resolve(key);

        Assert.Equal(key, definition.Key);
        Assert.Equal(kind, definition.Kind);
        Assert.Equal(unit, definition.Unit);
    }

    [Theory]
    [InlineData("demosPerWeek", MetricKind.PerWeekIndicator)] // "…PerWeek" is a per-week indicator
    [InlineData("xPerWeek", MetricKind.PerWeekIndicator)] // shortest name longer than the suffix
    [InlineData("PerWeek", MetricKind.OutcomeTotal)] // the suffix alone is not a per-week name
    [InlineData("demosperweek", MetricKind.OutcomeTotal)] // the suffix is case-sensitive
    [InlineData("demosPerWeekTotal", MetricKind.OutcomeTotal)] // the suffix must end the key
    [InlineData("grossMargin", MetricKind.OutcomeTotal)]
    [InlineData("supportTicketDays", MetricKind.OutcomeTotal)] // only the catalogue declares lower-is-better
    [InlineData("Revenue", MetricKind.OutcomeTotal)] // keys are ordinal: not the catalogued "revenue"
    public void Resolve_UncataloguedKey_InfersKindFromName(string key, MetricKind kind)
    {
        var definition = MetricCatalogue.Default.Resolve(key);

        Assert.Equal(new MetricDefinition(key, kind, string.Empty, definition.Why), definition);
        Assert.False(string.IsNullOrWhiteSpace(definition.Why));
    }

    [Theory]
    [MemberData(nameof(DefaultKeys))]
    public void Default_EachMetric_HasOneCollaborativeSentenceWhy(string key)
    {
        var why = MetricCatalogue.Default.Resolve(key).Why;

        Assert.EndsWith(".", why, StringComparison.Ordinal);
        Assert.Equal(1, why.Count(c => c is '.' or '!' or '?'));
        Assert.DoesNotContain("must", why, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(MetricCatalogue.Default.Definitions, d => d.Key == key);
    }

    [Fact]
    public void Default_ReadTwice_IsTheSameCachedInstance()
    {
        Assert.Same(MetricCatalogue.Default, MetricCatalogue.Default);
        Assert.Equal(6, MetricCatalogue.Default.Definitions.Count);
    }

    [Theory]
    [InlineData("revenue", 6, 0)] // replaced in place
    [InlineData("proposalTurnaroundDays", 6, 3)]
    [InlineData("grossMargin", 7, 6)] // appended
    [InlineData("Revenue", 7, 6)] // ordinal: a different key, so appended
    public void With_Override_ReplacesByKeyOrAppends(string key, int count, int index)
    {
        var overridden = new MetricDefinition(key, MetricKind.LowerIsBetter, "units", "Agreed locally.");

        var catalogue = MetricCatalogue.Default.With([overridden]);

        Assert.Equal(count, catalogue.Definitions.Count);
        Assert.Same(overridden, catalogue.Definitions[index]);
        Assert.Same(overridden, catalogue.Resolve(key));
        Assert.Equal(6, MetricCatalogue.Default.Definitions.Count); // the default is untouched
        Assert.Equal(MetricKind.OutcomeTotal, MetricCatalogue.Default.Resolve("revenue").Kind);
    }

    [Fact]
    public void With_OverrideDeclaresLowerIsBetter_ResolveUsesIt()
    {
        var catalogue = MetricCatalogue.Default.With([new MetricDefinition("quoteDays", MetricKind.LowerIsBetter, "days", "Fast quotes win.")]);

        Assert.Equal(MetricKind.LowerIsBetter, catalogue.Resolve("quoteDays").Kind);
        Assert.Equal(MetricKind.OutcomeTotal, MetricCatalogue.Default.Resolve("quoteDays").Kind);
    }
}
