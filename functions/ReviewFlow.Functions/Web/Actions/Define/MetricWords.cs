using ReviewFlow.Domain.Metrics;
using ReviewFlow.Domain.Reviews;
using static ReviewFlow.Functions.Web.Html.Html;

namespace ReviewFlow.Functions.Web.Actions.Define;

/// <summary>How the pages name a metric: key, unit and kind in words people read the same way everywhere.</summary>
internal static class MetricWords
{
    /// <summary>"revenue (£)", or just the key when the metric has no unit.</summary>
    public static string Label(string key, MetricDefinition metric) =>
        string.IsNullOrEmpty(metric.Unit) ? key : $"{key} ({metric.Unit})";

    /// <summary>How the target is read: a quarter total, a weekly figure, or lower is better.</summary>
    public static string Kind(MetricKind kind) => kind switch
    {
        MetricKind.PerWeekIndicator => "a weekly figure",
        MetricKind.LowerIsBetter => "lower is better",
        _ => "a quarter total",
    };

    /// <summary>The kind as a sentence for a field's hint: "A quarter total.", "A weekly figure.", "Lower is better."</summary>
    public static string KindSentence(MetricKind kind)
    {
        var words = Kind(kind);
        return char.ToUpperInvariant(words[0]) + words[1..] + ".";
    }

    /// <summary>A value with its unit, e.g. "90,000 £" or "3 days".</summary>
    public static string Amount(double value, MetricDefinition metric) =>
        string.IsNullOrEmpty(metric.Unit) ? Number(value) : $"{Number(value)} {metric.Unit}";
}
