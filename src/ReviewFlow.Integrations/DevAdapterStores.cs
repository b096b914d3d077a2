using ReviewFlow.Integrations.Calendar;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Journal;

namespace ReviewFlow.Integrations;

/// <summary>The dev adapters' tables, created together at startup.</summary>
/// <param name="outbox">The dev outbox.</param>
/// <param name="calendar">The dev calendar.</param>
/// <param name="journal">The cycle journal.</param>
public sealed class DevAdapterStores(DevOutbox outbox, DevCalendar calendar, TableCycleJournal journal)
{
    /// <summary>Creates the outbox, calendar and journal tables if missing; safe to call any number of times.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await outbox.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await calendar.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await journal.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
    }
}
