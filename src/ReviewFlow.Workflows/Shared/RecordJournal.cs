using ReviewFlow.Durable;
using ReviewFlow.Integrations.Journal;
using ReviewFlow.Workflows.Diagnostics;

namespace ReviewFlow.Workflows.Shared;

/// <summary>Entries to append to the cycle's journal.</summary>
public sealed record JournalCommand(Stamp Stamp, IReadOnlyList<PendingEntry> Entries);

/// <summary>Appends to the journal; ids come from the idempotency key, so a redelivered append adds nothing.</summary>
public sealed class RecordJournal(ICycleJournal journal) : TaskActivity<JournalCommand, int>
{
    /// <inheritdoc/>
    public override async Task<int> RunAsync(TaskActivityContext context, JournalCommand input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var entries = input.Entries.ToEntries(context, input.Stamp);
        await journal.AppendCountedAsync(entries, context);
        return entries.Count;
    }
}
