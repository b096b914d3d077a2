using System.Text.Json.Nodes;

namespace ReviewFlow.Integrations.Journal;

/// <summary>
/// One thing that happened in a seller's cycle (the timeline of SCENARIO.md): the record of who agreed to
/// what, reviews held, coaching, emails, meetings.
/// </summary>
/// <param name="CycleId">The cycle (orchestration instance id).</param>
/// <param name="Id">Unique and stable within the cycle (derived from the idempotency key), so a retried append is harmless.</param>
/// <param name="At">When, UTC.</param>
/// <param name="Team">The team's manager id.</param>
/// <param name="Seller">The seller id, or null for team-level entries.</param>
/// <param name="Type">Entry type, e.g. "TargetsAgreed".</param>
/// <param name="Data">Type-specific data.</param>
public sealed record JournalEntry(string CycleId, string Id, DateTime At, string Team, string? Seller, string Type, JsonObject Data);

/// <summary>The durable record of every cycle.</summary>
public interface ICycleJournal
{
    /// <summary>Appends entries; entries whose (CycleId, Id) already exist are left as they are.</summary>
    Task AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken);

    /// <summary>One cycle's entries ordered by time.</summary>
    Task<IReadOnlyList<JournalEntry>> ReadCycleAsync(string cycleId, CancellationToken cancellationToken);

    /// <summary>Every entry of every cycle whose id starts with <paramref name="cycleIdPrefix"/>, ordered by time then cycle then id.</summary>
    IAsyncEnumerable<JournalEntry> ReadAllAsync(string cycleIdPrefix, CancellationToken cancellationToken);
}
