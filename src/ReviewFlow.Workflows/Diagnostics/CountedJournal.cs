using ReviewFlow.Durable;
using ReviewFlow.Integrations.Journal;

namespace ReviewFlow.Workflows.Diagnostics;

/// <summary>
/// Appends journal entries and counts them in <see cref="WorkflowMetrics"/>, once per entry even when the activity
/// is redelivered: entry ids are stable across deliveries, so a redelivery (attempt above 1, when an earlier
/// attempt may have written them) first reads which of its entries the journal already holds and counts only the
/// others. First attempts, nearly all of them, cost no read.
/// </summary>
internal static class CountedJournal
{
    public static async Task AppendCountedAsync(this ICycleJournal journal, IReadOnlyList<JournalEntry> entries, TaskActivityContext context)
    {
        HashSet<string>? already = null;
        if (context.Attempt > 1 && entries.Count > 0)
        {
            var existing = await journal.ReadCycleAsync(context.InstanceId, context.CancellationToken);
            already = [.. existing.Select(e => e.Id)];
        }

        await journal.AppendAsync(entries, context.CancellationToken);

        // Counted after the append: an append that fails is retried, and counted then.
        foreach (var entry in entries)
        {
            if (already is null || !already.Contains(entry.Id))
            {
                WorkflowMetrics.Count(entry);
            }
        }
    }
}
