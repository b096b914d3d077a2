using System.Globalization;
using System.Text.Json.Nodes;
using ReviewFlow.Durable;
using ReviewFlow.Integrations.Journal;

namespace ReviewFlow.Workflows.Shared;

/// <summary>Where a journal entry belongs: the team, the seller (null for team entries), the orchestration time, and
/// the execution's ordinal within the cycle (entries of one instant sort by execution, then by task).</summary>
public sealed record Stamp(string Team, string? Seller, DateTime At, int Execution = 0);

/// <summary>
/// A journal entry an activity writes along with its effect, so the record and the effect share one step.
/// <paramref name="At"/> is set when the orchestrator noted the entry earlier than the step that writes it.
/// </summary>
public sealed record PendingEntry(string Type, JsonObject Data, DateTime? At = null);

/// <summary>Turns pending entries into journal entries with ids derived from the activity's idempotency key.</summary>
internal static class JournalNotes
{
    /// <summary>
    /// The id is stable across redeliveries (same execution, task and index) and sorts in the order things
    /// happened within a cycle, which the timeline relies on for entries of the same instant.
    /// </summary>
    public static JournalEntry ToEntry(this PendingEntry entry, TaskActivityContext context, Stamp stamp, int index)
        => new(context.InstanceId, string.Create(CultureInfo.InvariantCulture, $"{stamp.Execution:D3}.{context.TaskId:D5}.{index:D2}"), entry.At ?? stamp.At, stamp.Team, stamp.Seller, entry.Type, entry.Data);

    public static List<JournalEntry> ToEntries(this IEnumerable<PendingEntry> entries, TaskActivityContext context, Stamp stamp)
        => [.. entries.Select((e, i) => e.ToEntry(context, stamp, i))];
}
