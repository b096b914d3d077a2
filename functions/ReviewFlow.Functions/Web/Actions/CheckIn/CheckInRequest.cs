using System.Globalization;
using System.Text.Json.Nodes;
using ReviewFlow.Domain.Metrics;
using ReviewFlow.Domain.Reviews;
using ReviewFlow.Integrations.Journal;

namespace ReviewFlow.Functions.Web.Actions.CheckIn;

/// <summary>One figure the check-in asks for: the key the seller reports it under, and the agreed target it feeds.</summary>
/// <param name="Key">The reported key ("newConversations" for the target "newConversationsPerWeek").</param>
/// <param name="Target">The agreed target.</param>
/// <param name="Metric">The target's definition (unit, why).</param>
internal sealed record ReportedFigure(string Key, MetricTarget Target, MetricDefinition Metric);

/// <summary>The open check-in: the weeks of the latest request and the figures the cycle will accept for them.</summary>
/// <param name="Entry">The <c>CheckInRequested</c> journal entry.</param>
/// <param name="Weeks">The quarter weeks the check-in covers.</param>
/// <param name="Figures">One per agreed target, in target order.</param>
internal sealed record CheckInRequest(JournalEntry Entry, IReadOnlyList<int> Weeks, IReadOnlyList<ReportedFigure> Figures)
{
    /// <summary>The keys ReviewPeriodStep validates a check-in against.</summary>
    public IReadOnlyList<string> ReportedKeys => [.. Figures.Select(f => f.Key)];

    /// <summary>"weeks 3–4", "week 5".</summary>
    public string WeeksText => Weeks.Count == 1
        ? $"week {Weeks[0].ToString(CultureInfo.InvariantCulture)}"
        : $"weeks {Weeks[0].ToString(CultureInfo.InvariantCulture)}–{Weeks[^1].ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The latest request and what it asks for, or null when no check-in was requested (or nothing is agreed).</summary>
    public static CheckInRequest? Open(ActionContext context)
    {
        var entry = context.Latest("CheckInRequested");
        var agreed = context.Cycle.Progress.Agreed;
        var weeks = Ints(entry?.Data["weeks"]);
        if (entry is null || agreed is not { Count: > 0 } || weeks.Count == 0)
        {
            return null;
        }

        // The same reported keys ReviewPeriodStep accepts: a weekly indicator "xPerWeek" is reported as "x".
        var figures = ExpectationSet.From(agreed, context.Catalogue).Targets
            .Select(t => new ReportedFigure(PeriodEvaluator.ReportedKey(t), t, context.Catalogue.Resolve(t.Key)))
            .ToList();
        return new CheckInRequest(entry, weeks, figures);
    }

    /// <summary>Whether the journal has an entry of <paramref name="type"/> for exactly these weeks after the request.</summary>
    public bool AnsweredBy(ActionContext context, string type)
    {
        var after = false;
        foreach (var entry in context.Journal)
        {
            if (after && entry.Type == type && Ints(entry.Data["weeks"]).SequenceEqual(Weeks))
            {
                return true;
            }

            after |= ReferenceEquals(entry, Entry);
        }

        return false;
    }

    public static IReadOnlyList<int> Ints(JsonNode? node) =>
        node is JsonArray array
            ? [.. array.OfType<JsonValue>().Select(v => v.TryGetValue<int>(out var i) ? i : (int?)null).OfType<int>()]
            : [];
}
