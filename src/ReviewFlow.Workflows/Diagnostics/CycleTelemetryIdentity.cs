using ReviewFlow.Durable.Diagnostics;
using ReviewFlow.Workflows.Cycle;

namespace ReviewFlow.Workflows.Diagnostics;

/// <summary>
/// What telemetry may say about ReviewFlow's instances. Their ids embed a person's id ("cycle-2027-Q1-priya",
/// "quarter-2027-Q1-mark"), so telemetry shows them with that part replaced by its <see cref="SellerHash"/>
/// ("cycle-2027-Q1-3b5f0c8e12aa") and gives the seller's hash for seller cycles. Quarter labels may contain '-',
/// and so may person ids, so the person can be told apart only after a standard "YYYY-Qn" label; after any other
/// label everything past the prefix is hashed, and the seller hash is left out rather than guessed.
/// </summary>
public sealed class CycleTelemetryIdentity : IInstanceTelemetryIdentity
{
    private const int StandardLabelLength = 7; // "2027-Q1"

    /// <inheritdoc/>
    public TelemetryIdentity Describe(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        foreach (var prefix in (ReadOnlySpan<string>)[CycleIds.CyclePrefix, CycleIds.TeamPrefix])
        {
            if (!instanceId.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = instanceId[prefix.Length..];
            if (IsStandardLabel(rest))
            {
                var label = rest[..StandardLabelLength];
                var person = rest[(StandardLabelLength + 1)..];
                var hash = SellerHash.Of(person);
                return new TelemetryIdentity($"{prefix}{label}-{hash}", prefix == CycleIds.CyclePrefix ? hash : null);
            }

            return new TelemetryIdentity(prefix + SellerHash.Of(rest), null);
        }

        return new TelemetryIdentity(instanceId, null);
    }

    // "YYYY-Qn-" followed by at least one character.
    private static bool IsStandardLabel(string rest)
        => rest.Length > StandardLabelLength + 1
            && rest[StandardLabelLength] == '-'
            && CycleIds.NextQuarterLabel(rest[..StandardLabelLength]) is not null;
}
