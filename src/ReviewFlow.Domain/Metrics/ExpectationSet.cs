using System.Globalization;

using ReviewFlow.Domain.Reviews;

namespace ReviewFlow.Domain.Metrics;

/// <summary>One change between two expectation sets (null: the metric is absent on that side).</summary>
public sealed record TargetChange(string Key, double? From, double? To);

/// <summary>The quarter's targets for one seller: outcome targets and lead indicators, keyed by metric.</summary>
public sealed record ExpectationSet(IReadOnlyList<MetricTarget> Targets)
{
    /// <summary>Longest metric key accepted.</summary>
    private const int MaxKeyLength = 64;

    /// <summary>Largest target accepted: beyond any real quarter, so a larger figure is a typo.</summary>
    private const double MaxValue = 1e12;

    /// <summary>Builds the set from metric → value, kinds from the catalogue, in the dictionary's key order.</summary>
    public static ExpectationSet From(IReadOnlyDictionary<string, double> values, MetricCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(catalogue);
        return new ExpectationSet([.. values.Select(v => new MetricTarget(v.Key, catalogue.Resolve(v.Key).Kind, v.Value))]);
    }

    /// <summary>metric → value, in target order.</summary>
    public IReadOnlyDictionary<string, double> Values
    {
        get
        {
            // A dictionary only ever added to enumerates in insertion order, which is the target order.
            var values = new Dictionary<string, double>(Targets.Count, StringComparer.Ordinal);
            foreach (var target in Targets)
            {
                values.TryAdd(target.Key, target.Target);
            }

            return values.AsReadOnly();
        }
    }

    /// <summary>
    /// Problems, each naming the metric: at least one target; keys like "revenue" (a letter, then letters and
    /// digits, at most 64); values finite, not negative, and at most 1e12.
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Targets is null || Targets.Count == 0)
        {
            problems.Add("targets: at least one metric is needed, so the seller knows what good looks like.");
            return problems;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Targets.Count; i++)
        {
            var target = Targets[i];
            if (target is null)
            {
                problems.Add($"targets[{i.ToString(CultureInfo.InvariantCulture)}]: the target is missing.");
                continue;
            }

            var name = string.IsNullOrEmpty(target.Key) ? $"targets[{i.ToString(CultureInfo.InvariantCulture)}]" : target.Key;
            if (!IsValidKey(target.Key))
            {
                problems.Add($"{name}: the metric key must start with a letter and contain only letters and digits, at most {MaxKeyLength.ToString(CultureInfo.InvariantCulture)} characters (like \"revenue\").");
            }
            else if (!seen.Add(target.Key))
            {
                problems.Add($"{name}: the metric appears more than once.");
            }

            if (!double.IsFinite(target.Target))
            {
                problems.Add($"{name}: the target must be a finite number.");
            }
            else if (target.Target < 0)
            {
                problems.Add($"{name}: the target must not be negative ({target.Target.ToString(CultureInfo.InvariantCulture)}).");
            }
            else if (target.Target > MaxValue)
            {
                problems.Add($"{name}: the target must be at most 1e12 ({target.Target.ToString(CultureInfo.InvariantCulture)}).");
            }
        }

        return problems;
    }

    /// <summary>What changes from this set to <paramref name="other"/>, by key, this set's keys first.</summary>
    public IReadOnlyList<TargetChange> Changes(ExpectationSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var mine = Values;
        var theirs = other.Values;
        var changes = new List<TargetChange>();
        foreach (var (key, from) in mine)
        {
            if (!theirs.TryGetValue(key, out var to))
            {
                changes.Add(new TargetChange(key, from, null));
            }
            else if (!from.Equals(to))
            {
                changes.Add(new TargetChange(key, from, to));
            }
        }

        foreach (var (key, to) in theirs)
        {
            if (!mine.ContainsKey(key))
            {
                changes.Add(new TargetChange(key, null, to));
            }
        }

        return changes;
    }

    private static bool IsValidKey(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength || !char.IsAsciiLetter(key[0]))
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
