using System.Runtime.CompilerServices;

using Azure;
using Azure.Data.Tables;

using ReviewFlow.Domain.Scheduling;
using ReviewFlow.Integrations.Storage;

namespace ReviewFlow.Integrations.Calendar;

/// <summary>
/// The calendar used without Graph credentials: events live in the table <c>{TablePrefix}Calendar</c>, one row
/// per participant mailbox (partition = mailbox, row = start ticks and event id) so free/busy is a range query
/// on one partition, plus one row per idempotency key, written last, that marks the create as done.
/// </summary>
public sealed class DevCalendar : ICalendar
{
    /// <summary>Kind of the blocks seeded with <see cref="AddBusyAsync"/>.</summary>
    public const string BusyKind = "busy";

    // Cannot collide with a mailbox partition: mailboxes are validated to contain '@'.
    private const string KeysPartition = "~keys";

    // Busy lookups start this far before the window so an event that began earlier but overlaps is found;
    // meetings and seeded blocks are shorter than this.
    private static readonly TimeSpan LookBack = TimeSpan.FromDays(1);

    private readonly TableClient _table;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the calendar; call <see cref="EnsureCreatedAsync"/> once before use.</summary>
    public DevCalendar(TableServiceClient tableService, DevAdapterOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(tableService);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _table = tableService.GetTableClient(options.CalendarTableName);
        _timeProvider = timeProvider;
    }

    /// <summary>Creates the table if it does not exist.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TimeRange>> GetBusyAsync(string email, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        string mailbox = Mailbox(email);
        fromUtc = UtcTimes.Require(fromUtc, nameof(fromUtc));
        toUtc = UtcTimes.Require(toUtc, nameof(toUtc));
        if (toUtc <= fromUtc)
        {
            return [];
        }

        var lowest = fromUtc.Ticks > LookBack.Ticks ? fromUtc - LookBack : DateTime.MinValue;
        string filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {mailbox} and RowKey ge {TableKeys.Ticks(lowest)} and RowKey lt {TableKeys.Ticks(toUtc)}");
        var busy = new List<TimeRange>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var stored = StoredEvent.FromEntity(entity);
            if (stored.StartUtc < toUtc && stored.EndUtc > fromUtc)
            {
                busy.Add(new TimeRange(stored.StartUtc, stored.EndUtc));
            }
        }

        return [.. busy.OrderBy(r => r.Start).ThenBy(r => r.End)];
    }

    /// <inheritdoc />
    public async Task<CalendarEvent> CreateEventAsync(NewCalendarEvent meeting, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        string keyRow = TableKeys.Sanitise(idempotencyKey);
        var done = await _table.GetEntityIfExistsAsync<TableEntity>(KeysPartition, keyRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (done.HasValue && done.Value is { } first)
        {
            return StoredEvent.FromEntity(first).ToCalendarEvent();
        }

        var stored = new StoredEvent(
            // Derived from the key, so a create retried after a crash rewrites the same rows instead of adding new ones.
            "ev-" + TableKeys.Sha256Hex(idempotencyKey)[..24],
            Mailbox(meeting.OrganizerEmail),
            [.. meeting.AttendeeEmails.Select(Mailbox)],
            meeting.Subject,
            meeting.Body,
            UtcTimes.Require(meeting.StartUtc, nameof(meeting)),
            UtcTimes.Require(meeting.EndUtc, nameof(meeting)),
            meeting.Kind,
            _timeProvider.GetUtcNow().UtcDateTime);
        if (stored.EndUtc <= stored.StartUtc)
        {
            throw new ArgumentException($"Meeting '{meeting.Subject}' ends before it starts.", nameof(meeting));
        }

        // One write per partition: a batch spanning partitions is rejected by Azure (Azurite accepts it).
        foreach (string mailbox in stored.AttendeeEmails.Prepend(stored.OrganizerEmail).Distinct(StringComparer.Ordinal))
        {
            await _table.UpsertEntityAsync(stored.ToEntity(mailbox, EventRow(stored)), TableUpdateMode.Replace, cancellationToken)
                .ConfigureAwait(false);
        }

        try
        {
            await _table.AddEntityAsync(stored.ToEntity(KeysPartition, keyRow), cancellationToken).ConfigureAwait(false);
            return stored.ToCalendarEvent();
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // A concurrent create with the same key finished first; it wrote the same event id.
            var winner = await _table.GetEntityAsync<TableEntity>(KeysPartition, keyRow, cancellationToken: cancellationToken).ConfigureAwait(false);
            return StoredEvent.FromEntity(winner.Value).ToCalendarEvent();
        }
    }

    /// <summary>
    /// Seeds a busy block (kind <see cref="BusyKind"/>) in <paramref name="email"/>'s calendar, e.g. from a
    /// scenario file. Seeding the same block twice stores it once.
    /// </summary>
    public async Task AddBusyAsync(string email, TimeRange range, string subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(subject);
        string mailbox = Mailbox(email);
        var start = UtcTimes.Require(range.Start, nameof(range));
        var end = UtcTimes.Require(range.End, nameof(range));
        if (end <= start)
        {
            throw new ArgumentException($"Busy block for {mailbox} ends before it starts.", nameof(range));
        }

        string id = "busy-" + TableKeys.Sha256Hex($"{mailbox}|{start.Ticks}|{end.Ticks}|{subject}")[..24];
        var stored = new StoredEvent(id, mailbox, [], subject, "", start, end, BusyKind, _timeProvider.GetUtcNow().UtcDateTime);
        await _table.UpsertEntityAsync(stored.ToEntity(mailbox, EventRow(stored)), TableUpdateMode.Replace, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Every event and busy block in <paramref name="email"/>'s calendar, ordered by start.</summary>
    public async IAsyncEnumerable<CalendarEvent> ListAsync(string email, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {Mailbox(email)}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return StoredEvent.FromEntity(entity).ToCalendarEvent();
        }
    }

    /// <summary>
    /// Writes one <c>{mailbox}.ics</c> per mailbox into <paramref name="directory"/> (created if needed) and
    /// returns the paths, sorted.
    /// </summary>
    public async Task<IReadOnlyList<string>> ExportIcsAsync(string directory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var byMailbox = new SortedDictionary<string, List<StoredEvent>>(StringComparer.Ordinal);
        string filter = TableClient.CreateQueryFilter($"PartitionKey ne {KeysPartition}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!byMailbox.TryGetValue(entity.PartitionKey, out var events))
            {
                byMailbox[entity.PartitionKey] = events = [];
            }

            events.Add(StoredEvent.FromEntity(entity));
        }

        Directory.CreateDirectory(directory);
        var paths = new List<string>(byMailbox.Count);
        foreach (var (mailbox, events) in byMailbox)
        {
            string path = Path.Combine(directory, SafeFileName(mailbox) + ".ics");
            await File.WriteAllTextAsync(path, IcsWriter.Write(events), cancellationToken).ConfigureAwait(false);
            paths.Add(path);
        }

        return paths;
    }

    private static string EventRow(StoredEvent stored) => $"{TableKeys.Ticks(stored.StartUtc)}-{stored.Id}";

    private static string Mailbox(string email)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        if (!email.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{email}' is not an email address.", nameof(email));
        }

        // Table keys forbid a few characters; a real address never has them, but a typo must not break a write.
        return TableKeys.Sanitise(email.Trim().ToLowerInvariant());
    }

    private static string SafeFileName(string mailbox)
    {
        char[] invalid = Path.GetInvalidFileNameChars();
        return new string([.. mailbox.Select(c => Array.IndexOf(invalid, c) >= 0 ? '_' : c)]);
    }
}
