using System.Text.Json.Nodes;
using ReviewFlow.Integrations.Journal;

namespace ReviewFlow.Workflows.Shared;

/// <summary>Where a journal entry belongs: the team, the seller (null for team entries) and the orchestration time.</summary>
public sealed record Stamp(string Team, string? Seller, DateTime At);

/// <summary>A journal entry an activity writes along with its effect, so the record and the effect share one step.</summary>
public sealed record PendingEntry(string Type, JsonObject Data);

/// <summary>Turns pending entries into journal entries with ids derived from the activity's idempotency key.</summary>
internal static class JournalNotes
{
    public static JournalEntry ToEntry(this PendingEntry entry, string cycleId, Stamp stamp, string idempotencyKey, int index)
        => new(cycleId, $"{idempotencyKey}:{index}", stamp.At, stamp.Team, stamp.Seller, entry.Type, entry.Data);

    public static List<JournalEntry> ToEntries(this IEnumerable<PendingEntry> entries, string cycleId, Stamp stamp, string idempotencyKey, int firstIndex = 0)
        => [.. entries.Select((e, i) => e.ToEntry(cycleId, stamp, idempotencyKey, firstIndex + i))];
}
