using ReviewFlow.Domain.People;
using ReviewFlow.Domain.Scheduling;

namespace ReviewFlow.Integrations.Calendar;

/// <summary>
/// Busy blocks of one mailbox, and its working hours when the mailbox publishes them (Outlook does; the dev
/// calendar does not).
/// </summary>
/// <param name="Email">The address as it was asked for.</param>
/// <param name="Busy">Busy blocks, UTC, sorted by start.</param>
/// <param name="WorkingHours">The working hours the mailbox publishes; null when it publishes none.</param>
/// <param name="WorkingHoursZone">The zone <paramref name="WorkingHours"/> are expressed in; null when unknown.</param>
public sealed record MailboxSchedule(string Email, IReadOnlyList<TimeRange> Busy, WorkingHours? WorkingHours, TimeZoneInfo? WorkingHoursZone);
