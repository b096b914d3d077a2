using System.Text.Json.Nodes;
using ReviewFlow.Domain.Metrics;
using ReviewFlow.Domain.People;
using ReviewFlow.Integrations.Journal;
using ReviewFlow.Integrations.Links;
using ReviewFlow.Workflows.Cycle;

namespace ReviewFlow.Functions.Web.Actions;

/// <summary>Everything an action page knows: the grant, the cycle's current input, its journal, and who is acting.</summary>
/// <param name="Grant">What the link allows.</param>
/// <param name="Cycle">The cycle's current execution input (profile and progress).</param>
/// <param name="Journal">The cycle's journal, oldest first.</param>
/// <param name="Actor">The person the link was issued to.</param>
internal sealed record ActionContext(ActionGrant Grant, CycleInput Cycle, IReadOnlyList<JournalEntry> Journal, Person Actor)
{
    public Person Seller => Cycle.Profile.Seller.Person;

    public Person Manager => Cycle.Profile.Manager.Person;

    public MetricCatalogue Catalogue => Cycle.Profile.Policy.Catalogue;

    /// <summary>The latest journal entry of <paramref name="type"/>, or null.</summary>
    public JournalEntry? Latest(string type) => Journal.LastOrDefault(e => e.Type == type);

    /// <summary>True when an entry of <paramref name="type"/> was journalled after <paramref name="since"/>.</summary>
    public bool HappenedAfter(string type, JournalEntry? since)
    {
        var after = since is null;
        foreach (var entry in Journal)
        {
            if (after && entry.Type == type)
            {
                return true;
            }

            after |= ReferenceEquals(entry, since);
        }

        return false;
    }

    /// <summary>Targets (metric key → value) stored under <paramref name="property"/> of <paramref name="entry"/>.</summary>
    public static Dictionary<string, double> Targets(JournalEntry? entry, string property = "targets")
    {
        var targets = new Dictionary<string, double>(StringComparer.Ordinal);
        if (entry?.Data[property] is JsonObject values)
        {
            foreach (var (key, value) in values)
            {
                if (value is JsonValue number && number.TryGetValue<double>(out var parsed))
                {
                    targets[key] = parsed;
                }
            }
        }

        return targets;
    }
}
