using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

using Azure;
using Azure.Data.Tables;

using ReviewFlow.Domain.Scheduling;
using ReviewFlow.Integrations.Storage;
using ReviewFlow.Tables;

namespace ReviewFlow.Integrations.Calendar;

/// <summary>
/// The calendar used without Graph credentials: events live in the table <c>{TablePrefix}Calendar</c> in
/// <em>week bucket rows</em>, one per mailbox and ISO week (partition = mailbox, row = <c>w</c> + the UTC date of
/// the week's Monday, <c>yyyyMMdd</c>, + <c>.</c> + the mailbox) holding the JSON list of that week's events; an event is stored in every
/// bucket of every participant it overlaps. One row per event (partition <c>~events</c>, row = the event id, which is
/// derived from the create's idempotency key) holds its details, the attendees' answers and the cancelled flag; it is
/// written last, so it also marks the create as done.
/// </summary>
/// <remarks>
/// <para>
/// Why buckets: a free/busy look-up is a handful of point reads instead of a table query (Azurite evaluates a
/// query's filter on every row of the table, whatever the partition), and a bucket is the unit of optimistic
/// concurrency that makes "refuse a meeting overlapping an existing event" atomic: two overlapping meetings of
/// one participant share at least one of that participant's buckets, and the ETag lets only one of them write
/// it without having seen the other.
/// </para>
/// <para>
/// Long blocks are written into every bucket they overlap, so a look-up never reads a bucket before its window.
/// </para>
/// <para>
/// Each instance keeps the buckets it has read or written, with their ETags, and reads a bucket from storage only
/// the first time: a booking reads the same weeks for free/busy and again to write them, and a manager's weeks are
/// read by every one of their sellers' bookings. A bucket another process changed since is found out at the next
/// write to it (the ETag no longer matches), which reads it again; so free/busy may lag behind another process's
/// bookings, but a meeting overlapping an event is still refused atomically.
/// </para>
/// <para>
/// With <see cref="DevAdapterOptions.OwnsTables"/>, nobody else writes the table: it is read whole when the calendar is
/// created, and from then on every read (buckets, done creates, attendees' answers) comes from memory, kept in step
/// with every write. A bucket not in memory is then known to be empty, where it would otherwise cost a read each.
/// </para>
/// </remarks>
public sealed class DevCalendar : ICalendar
{
    /// <summary>Kind of the blocks seeded with <see cref="AddBusyAsync"/>.</summary>
    public const string BusyKind = "busy";

    // One row per event id (row key = id), found by answers and cancellation, which know only the id. Cannot
    // collide with a mailbox partition: mailboxes are validated to contain '@'.
    private const string EventsPartition = "~events";

    private const string ResponsesProperty = "Responses";

    private const string BucketPrefix = "w";

    private const string BucketDateFormat = "yyyyMMdd";

    // A table string property holds at most 32K UTF-16 characters; bigger buckets are split over Data0..DataN.
    private const int MaxChunkChars = 30_000;

    private const string DataProperty = "Data";

    // Busy look-ups over longer ranges (not something the workflows do) use one partition range query instead of
    // this many point reads.
    private const int MaxPointReads = 60;

    // Optimistic writes retry on a lost race; a few contenders per bucket settle in a couple of rounds.
    private const int MaxWriteAttempts = 20;

    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    private readonly TableClient _table;
    private readonly PartitionBatchWriter _eventRowWrites;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<(string Mailbox, DateTime Week), Bucket> _buckets = new();

    // Only when the process owns the table: the event rows (details, answers, cancelled flag), by row key.
    private readonly bool _ownsTable;
    private readonly ConcurrentDictionary<string, TableEntity> _eventRows = new(StringComparer.Ordinal);

    /// <summary>Creates the calendar; call <see cref="EnsureCreatedAsync"/> once before use.</summary>
    public DevCalendar(TableServiceClient tableService, DevAdapterOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(tableService);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _table = tableService.GetTableClient(options.CalendarTableName);
        _eventRowWrites = new PartitionBatchWriter(_table);
        _timeProvider = timeProvider;
        _ownsTable = options.OwnsTables;
    }

    /// <summary>Creates the table if it does not exist; a calendar that owns it reads it into memory.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        if (!_ownsTable)
        {
            return;
        }

        await foreach (var entity in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            switch (entity.PartitionKey)
            {
                case EventsPartition:
                    _eventRows[entity.RowKey] = entity;
                    break;
                default:
                    _buckets[(entity.PartitionKey, BucketWeek(entity.RowKey))] = new Bucket(ReadEvents(entity), entity.ETag);
                    break;
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// The dev calendar publishes no working hours, so <see cref="MailboxSchedule.WorkingHours"/> is null and the
    /// people's own settings apply. Cancelled events are not busy.
    /// </remarks>
    public async Task<IReadOnlyList<MailboxSchedule>> GetSchedulesAsync(
        IReadOnlyList<string> emails, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emails);
        var busy = await Task.WhenAll(emails.Select(e => GetBusyAsync(e, fromUtc, toUtc, cancellationToken))).ConfigureAwait(false);
        return [.. emails.Select((email, i) => new MailboxSchedule(email, busy[i], null, null))];
    }

    /// <summary>The busy blocks of <paramref name="email"/> overlapping [from, to), UTC, sorted; cancelled events are left out.</summary>
    /// <remarks>Point reads of the week buckets overlapping the window (no table query).</remarks>
    public async Task<IReadOnlyList<TimeRange>> GetBusyAsync(string email, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        string mailbox = Mailbox(email);
        fromUtc = UtcTimes.Require(fromUtc, nameof(fromUtc));
        toUtc = UtcTimes.Require(toUtc, nameof(toUtc));
        if (toUtc <= fromUtc)
        {
            return [];
        }

        IEnumerable<StoredEvent> events;
        var weeks = Weeks(fromUtc, toUtc).Take(MaxPointReads + 1).ToList();
        if (weeks.Count <= MaxPointReads)
        {
            var buckets = await Task.WhenAll(weeks.Select(w => ReadBucketAsync(mailbox, w, cancellationToken))).ConfigureAwait(false);
            events = buckets.SelectMany(b => b.Events);
        }
        else
        {
            events = await QueryBucketsAsync(mailbox, fromUtc, toUtc, cancellationToken).ConfigureAwait(false);
        }

        // An event crossing a week boundary sits in several buckets: keep it once.
        return [.. events
            .Where(e => e.Blocks(fromUtc, toUtc))
            .DistinctBy(e => e.Id, StringComparer.Ordinal)
            .Select(e => new TimeRange(e.StartUtc, e.EndUtc))
            .OrderBy(r => r.Start)
            .ThenBy(r => r.End)];
    }

    /// <inheritdoc />
    /// <remarks>
    /// Refuses, with <see cref="SlotTakenException"/>, a meeting that overlaps an event (of another id) already in
    /// the calendar of the organiser or an attendee; the check and the write are one optimistic read-modify-write
    /// per bucket, so two concurrent overlapping meetings never both succeed. A refused meeting is removed from
    /// the buckets already written, so no participant keeps half of it. The idempotency key is checked first: a
    /// repeat of a completed create returns the first event even when its slot is now taken.
    /// </remarks>
    /// <exception cref="SlotTakenException">A participant is already busy during the meeting.</exception>
    public async Task<CalendarEvent> CreateEventAsync(NewCalendarEvent meeting, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        // Derived from the key, so a create retried after a crash finds its own rows instead of adding new ones, and a
        // repeat of a done create finds its event row.
        string eventId = "ev-" + TableKeys.Sha256Hex(idempotencyKey)[..24];
        if (await ReadEventRowAsync(eventId, cancellationToken).ConfigureAwait(false) is { } first)
        {
            return StoredEvent.FromEntity(first).ToCalendarEvent();
        }

        var stored = new StoredEvent(
            eventId,
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

        // A fixed (sorted) order, so concurrent bookings sharing participants meet in the same order. One write
        // per partition: a batch spanning partitions is rejected by Azure (Azurite accepts it).
        var participants = stored.AttendeeEmails.Prepend(stored.OrganizerEmail).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var written = new List<(string Mailbox, DateTime Week)>();
        try
        {
            foreach (string mailbox in participants)
            {
                foreach (var week in Weeks(stored.StartUtc, stored.EndUtc))
                {
                    if (await UpdateBucketAsync(mailbox, week, events => Book(events, stored, mailbox), cancellationToken).ConfigureAwait(false))
                    {
                        written.Add((mailbox, week));
                    }
                }
            }
        }
        catch (SlotTakenException)
        {
            // Undo only what this call wrote (a bucket that already held the event belongs to an earlier attempt
            // or a concurrent one with the same key, which meets the same refusal and undoes its own writes).
            foreach (var (mailbox, week) in written)
            {
                await UpdateBucketAsync(mailbox, week, events => events.RemoveAll(e => e.Id == stored.Id) > 0, cancellationToken)
                    .ConfigureAwait(false);
            }

            throw;
        }

        // The row under the event's id (looked up by answers and cancellation) is written last: it marks the create as
        // done. Nobody can answer an event before its id is returned, so the row is new unless a create with the same
        // key finished first. Event rows share a partition, so those of bookings made at the same moment go in one
        // transaction.
        var row = stored.ToEntity(EventsPartition, TableKeys.Sanitise(eventId));
        if (await _eventRowWrites.WriteAsync(new TableTransactionAction(TableTransactionActionType.Add, row), cancellationToken).ConfigureAwait(false) is { } added)
        {
            KeepEventRow(null, row, added);
            return stored.ToCalendarEvent();
        }

        // A concurrent create with the same key finished first: its times win.
        var winner = (await _table.GetEntityAsync<TableEntity>(EventsPartition, row.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        KeepEventRow(null, winner, winner.ETag);
        return StoredEvent.FromEntity(winner).ToCalendarEvent();
    }

    /// <inheritdoc />
    /// <remarks>The answer stored with <see cref="SetAttendeeResponseAsync"/>; <see cref="AttendeeResponse.None"/> until then.</remarks>
    public async Task<AttendeeResponse> GetAttendeeResponseAsync(string organizerEmail, string eventId, string attendeeEmail, CancellationToken cancellationToken)
    {
        string attendee = Mailbox(attendeeEmail);
        var row = await ReadEventRowAsync(organizerEmail, eventId, cancellationToken).ConfigureAwait(false)
            ?? throw new CalendarEventNotFoundException(organizerEmail, eventId, null);
        return ReadResponses(row).GetValueOrDefault(attendee, AttendeeResponse.None);
    }

    /// <summary>
    /// Dev only: records <paramref name="attendeeEmail"/>'s answer to the event, as if they had clicked it in their
    /// calendar, so tests and simulations can decline a meeting.
    /// </summary>
    /// <exception cref="CalendarEventNotFoundException">The event is not in the organiser's calendar.</exception>
    /// <exception cref="ArgumentException">The address is not invited to the event.</exception>
    public async Task SetAttendeeResponseAsync(
        string organizerEmail, string eventId, string attendeeEmail, AttendeeResponse response, CancellationToken cancellationToken)
    {
        string attendee = Mailbox(attendeeEmail);
        if (!Enum.IsDefined(response))
        {
            throw new ArgumentOutOfRangeException(nameof(response), response, "Unknown attendee response.");
        }

        for (int attempt = 1; ; attempt++)
        {
            var row = await ReadEventRowAsync(organizerEmail, eventId, cancellationToken).ConfigureAwait(false)
                ?? throw new CalendarEventNotFoundException(organizerEmail, eventId, null);
            if (!StoredEvent.FromEntity(row).AttendeeEmails.Contains(attendee, StringComparer.Ordinal))
            {
                throw new ArgumentException($"{attendee} is not invited to event '{eventId}'.", nameof(attendeeEmail));
            }

            var responses = ReadResponses(row);
            responses[attendee] = response;
            var update = new TableEntity(row.PartitionKey, row.RowKey)
            {
                [ResponsesProperty] = JsonSerializer.Serialize(responses, StoredEventJson.Default.DictionaryStringAttendeeResponse),
            };
            try
            {
                // ETag: two answers recorded at once (two attendees) must not lose one another.
                var written = await _table.UpdateEntityAsync(update, row.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                KeepEventRow(row, update, written.Headers.ETag);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < MaxWriteAttempts)
            {
                // Lost a race with another answer: read again and reapply.
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// The event stays in its participants' buckets marked cancelled, so it no longer counts as busy (a new
    /// booking can take its slot) and the <c>.ics</c> export writes it with STATUS:CANCELLED, the way calendar
    /// clients show a cancelled meeting. The buckets are marked before the event row, so a cancel retried after
    /// a crash finishes the job. The dev calendar sends nothing, so <paramref name="comment"/> is not kept.
    /// </remarks>
    public async Task CancelEventAsync(string organizerEmail, string eventId, string comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(comment);
        if (await ReadEventRowAsync(organizerEmail, eventId, cancellationToken).ConfigureAwait(false) is not { } row)
        {
            return;
        }

        var stored = StoredEvent.FromEntity(row);
        var cancelled = stored with { Cancelled = true };
        foreach (string mailbox in stored.AttendeeEmails.Prepend(stored.OrganizerEmail).Distinct(StringComparer.Ordinal))
        {
            foreach (var week in Weeks(stored.StartUtc, stored.EndUtc))
            {
                await UpdateBucketAsync(mailbox, week, events => MarkCancelled(events, cancelled), cancellationToken).ConfigureAwait(false);
            }
        }

        var cancelledFlag = new TableEntity(row.PartitionKey, row.RowKey) { ["Cancelled"] = true };
        var written = await _table.UpdateEntityAsync(cancelledFlag, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        KeepEventRow(row, cancelledFlag, written.Headers.ETag);
    }

    /// <summary>
    /// Seeds a busy block (kind <see cref="BusyKind"/>) in <paramref name="email"/>'s calendar, e.g. from a
    /// scenario file. Seeding the same block twice stores it once. Busy blocks may overlap anything.
    /// </summary>
    public async Task AddBusyAsync(string email, TimeRange range, string subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        string mailbox = Mailbox(email);
        var (start, end) = UtcTimes.Require(range, $"Busy block for {mailbox}", nameof(range));

        string id = "busy-" + TableKeys.Sha256Hex($"{mailbox}|{start.Ticks}|{end.Ticks}|{subject}")[..24];
        var stored = new StoredEvent(id, mailbox, [], subject, "", start, end, BusyKind, _timeProvider.GetUtcNow().UtcDateTime);
        foreach (var week in Weeks(start, end))
        {
            await UpdateBucketAsync(mailbox, week, events => Put(events, stored), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every event and busy block in <paramref name="email"/>'s calendar, ordered by start; cancelled events are left out.</summary>
    /// <remarks>Queries the mailbox's partition (a scan on Azurite): meant for exports and tests, not hot paths.</remarks>
    public async IAsyncEnumerable<CalendarEvent> ListAsync(string email, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {Mailbox(email)}");
        var events = new List<StoredEvent>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            events.AddRange(ReadEvents(entity));
        }

        // A cancelled meeting is no longer in the calendar (the .ics export still shows it, marked cancelled).
        foreach (var stored in Ordered(events).Where(e => !e.Cancelled))
        {
            yield return stored.ToCalendarEvent();
        }
    }

    /// <summary>
    /// Writes one <c>{mailbox}.ics</c> per mailbox into <paramref name="directory"/> (created if needed) and
    /// returns the paths, sorted. Cancelled meetings are written with STATUS:CANCELLED.
    /// </summary>
    public async Task<IReadOnlyList<string>> ExportIcsAsync(string directory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var byMailbox = new SortedDictionary<string, List<StoredEvent>>(StringComparer.Ordinal);
        string filter = TableClient.CreateQueryFilter($"PartitionKey ne {EventsPartition}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var inBucket = ReadEvents(entity);
            if (inBucket.Count == 0)
            {
                // A bucket emptied by a refused meeting: no calendar file for it.
                continue;
            }

            if (!byMailbox.TryGetValue(entity.PartitionKey, out var events))
            {
                byMailbox[entity.PartitionKey] = events = [];
            }

            events.AddRange(inBucket);
        }

        Directory.CreateDirectory(directory);
        var paths = new List<string>(byMailbox.Count);
        foreach (var (mailbox, events) in byMailbox)
        {
            string path = Path.Combine(directory, SafeFileName(mailbox) + ".ics");
            await File.WriteAllTextAsync(path, IcsWriter.Write(Ordered(events)), cancellationToken).ConfigureAwait(false);
            paths.Add(path);
        }

        return paths;
    }

    /// <summary>
    /// The row key of <paramref name="mailbox"/>'s bucket of the week starting on <paramref name="monday"/>. It ends
    /// with the mailbox, although the partition already names it: Azurite (LokiJS) finds an entity through its row
    /// key first, so a week's key shared by every mailbox would make each bucket read scan every mailbox's bucket of
    /// that week. The date comes first, so a partition's buckets still sort by week.
    /// </summary>
    internal static string BucketRow(string mailbox, DateTime monday) =>
        BucketPrefix + monday.ToString(BucketDateFormat, CultureInfo.InvariantCulture) + "." + mailbox;

    /// <summary>The Monday (midnight UTC) of the week a <see cref="BucketRow"/> key names.</summary>
    private static DateTime BucketWeek(string bucketRow) => DateTime.ParseExact(
        bucketRow.AsSpan(BucketPrefix.Length, BucketDateFormat.Length),
        BucketDateFormat,
        CultureInfo.InvariantCulture,
        DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    /// <summary>Midnight UTC of the Monday starting the ISO week that holds <paramref name="utc"/>.</summary>
    internal static DateTime WeekStart(DateTime utc)
    {
        var date = DateTime.SpecifyKind(utc.Date, DateTimeKind.Utc);
        int sinceMonday = ((int)date.DayOfWeek + 6) % 7;
        return date.Ticks >= TimeSpan.TicksPerDay * sinceMonday ? date.AddDays(-sinceMonday) : DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);
    }

    /// <summary>The Mondays of the weeks overlapping [<paramref name="fromUtc"/>, <paramref name="toUtc"/>).</summary>
    internal static IEnumerable<DateTime> Weeks(DateTime fromUtc, DateTime toUtc)
    {
        for (var monday = WeekStart(fromUtc); monday < toUtc; monday += Week)
        {
            yield return monday;
            if (DateTime.MaxValue - monday < Week)
            {
                yield break;
            }
        }
    }

    // Adds the meeting to a participant's bucket unless another event there overlaps it. The same id already
    // there is a retry of this create: kept as it is when the times match, replaced when the retry picked
    // another slot. Returns whether the bucket changed.
    private static bool Book(List<StoredEvent> events, StoredEvent meeting, string mailbox)
    {
        if (events.Find(e => e.Id != meeting.Id && e.Blocks(meeting.StartUtc, meeting.EndUtc)) is { } taken)
        {
            throw new SlotTakenException(mailbox, meeting.StartUtc, meeting.EndUtc, taken.StartUtc, taken.EndUtc);
        }

        return Put(events, meeting);
    }

    // Adds the event, or replaces the one with its id when the times differ. Returns whether the list changed.
    private static bool Put(List<StoredEvent> events, StoredEvent stored)
    {
        int index = events.FindIndex(e => e.Id == stored.Id);
        if (index < 0)
        {
            events.Add(stored);
            return true;
        }

        if (events[index].StartUtc == stored.StartUtc && events[index].EndUtc == stored.EndUtc)
        {
            return false;
        }

        events[index] = stored;
        return true;
    }

    // Marks the event cancelled in one bucket. Returns whether the bucket changed.
    private static bool MarkCancelled(List<StoredEvent> events, StoredEvent cancelled)
    {
        int index = events.FindIndex(e => e.Id == cancelled.Id);
        if (index < 0 || events[index].Cancelled)
        {
            return false;
        }

        events[index] = events[index] with { Cancelled = true };
        return true;
    }

    private static IEnumerable<StoredEvent> Ordered(IEnumerable<StoredEvent> events) =>
        events.DistinctBy(e => e.Id, StringComparer.Ordinal).OrderBy(e => e.StartUtc).ThenBy(e => e.Id, StringComparer.Ordinal);

    // Optimistic read-modify-write of one bucket: read it (missing = empty), apply change (which may throw to
    // refuse), and write it back only if nobody wrote it since the read (ETag; add for a new bucket). A lost race
    // (412 on update, 409 on add) re-reads and tries again, so the change always sees the latest list.
    // Returns whether the bucket changed.
    private async Task<bool> UpdateBucketAsync(string mailbox, DateTime week, Func<List<StoredEvent>, bool> change, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            var bucket = await ReadBucketAsync(mailbox, week, cancellationToken, fromStorage: attempt > 1).ConfigureAwait(false);
            if (!change(bucket.Events))
            {
                return false;
            }

            var entity = ToEntity(mailbox, week, bucket.Events);
            try
            {
                var written = bucket.ETag is { } etag
                    ? await _table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)
                    : await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                _buckets[(mailbox, week)] = new Bucket(bucket.Events, written.Headers.ETag);
                return true;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Someone else wrote the bucket since this instance last saw it: what is kept here is stale.
                _buckets.TryRemove((mailbox, week), out _);
                if (attempt >= MaxWriteAttempts)
                {
                    throw;
                }

                // Real time on purpose: this waits out contention on real storage, not a step of the simulation.
                await Task.Delay(Random.Shared.Next(2, 20) * Math.Min(attempt, 5), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // A calendar that owns its table keeps the event row as a merge left it: the earlier properties, overwritten by the
    // merged ones, with the new ETag. A fresh copy each time, so a reader's row never changes under it.
    private void KeepEventRow(TableEntity? before, TableEntity merged, ETag? etag)
    {
        if (!_ownsTable)
        {
            return;
        }

        var kept = new TableEntity(merged.PartitionKey, merged.RowKey);
        foreach (var (name, value) in (before ?? []).Concat(merged).Where(p => p.Key is not ("PartitionKey" or "RowKey" or "odata.etag" or "Timestamp")))
        {
            kept[name] = value;
        }

        kept.ETag = etag ?? default;
        _eventRows[kept.RowKey] = kept;
    }

    // The event's row, or null when there is none or it belongs to another organiser (as Graph answers 404 for an
    // event id asked for under the wrong mailbox).
    private async Task<TableEntity?> ReadEventRowAsync(string organizerEmail, string eventId, CancellationToken cancellationToken)
    {
        string organizer = Mailbox(organizerEmail);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        var row = await ReadEventRowAsync(eventId, cancellationToken).ConfigureAwait(false);
        return row is not null && row.GetString("Organizer") == organizer ? row : null;
    }

    // The row of a done create, whoever organises it; null when there is none.
    private async Task<TableEntity?> ReadEventRowAsync(string eventId, CancellationToken cancellationToken)
    {
        if (_ownsTable)
        {
            return _eventRows.GetValueOrDefault(TableKeys.Sanitise(eventId));
        }

        var response = await _table.GetEntityIfExistsAsync<TableEntity>(EventsPartition, TableKeys.Sanitise(eventId), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    private static Dictionary<string, AttendeeResponse> ReadResponses(TableEntity row) =>
        row.GetString(ResponsesProperty) is { Length: > 0 } json
            ? JsonSerializer.Deserialize(json, StoredEventJson.Default.DictionaryStringAttendeeResponse) ?? []
            : [];

    // A copy: callers change the list before writing it back, and the kept one must stay what storage holds. After a
    // lost race (fromStorage), what is kept is stale, and even a table this calendar owns must be read.
    private async Task<Bucket> ReadBucketAsync(string mailbox, DateTime week, CancellationToken cancellationToken, bool fromStorage = false)
    {
        if (fromStorage || !_buckets.TryGetValue((mailbox, week), out var bucket))
        {
            if (_ownsTable && !fromStorage)
            {
                bucket = new Bucket([], null); // not in memory, so not in the table either
            }
            else
            {
                var response = await _table.GetEntityIfExistsAsync<TableEntity>(mailbox, BucketRow(mailbox, week), cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
                bucket = response.HasValue && response.Value is { } entity
                    ? new Bucket(ReadEvents(entity), entity.ETag)
                    : new Bucket([], null);
            }

            bucket = fromStorage ? _buckets[(mailbox, week)] = bucket : _buckets.GetOrAdd((mailbox, week), bucket);
        }

        return bucket with { Events = [.. bucket.Events] };
    }

    private async Task<List<StoredEvent>> QueryBucketsAsync(string mailbox, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        // Row keys sort by date (yyyyMMdd), so the buckets of the window are one row-key range of the partition.
        string filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {mailbox} and RowKey ge {BucketRow(mailbox, WeekStart(fromUtc))} and RowKey le {BucketRow(mailbox, WeekStart(toUtc))}");
        var events = new List<StoredEvent>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            events.AddRange(ReadEvents(entity));
        }

        return events;
    }

    private static TableEntity ToEntity(string mailbox, DateTime week, List<StoredEvent> events)
    {
        string json = StoredEvent.SerializeList(events);
        var entity = new TableEntity(mailbox, BucketRow(mailbox, week));
        for (int part = 0, offset = 0; offset < json.Length || part == 0; part++, offset += MaxChunkChars)
        {
            entity[DataProperty + part.ToString(CultureInfo.InvariantCulture)] = json.Substring(offset, Math.Min(MaxChunkChars, json.Length - offset));
        }

        return entity;
    }

    private static List<StoredEvent> ReadEvents(TableEntity entity)
    {
        if (!entity.RowKey.StartsWith(BucketPrefix, StringComparison.Ordinal))
        {
            return [];
        }

        var json = new System.Text.StringBuilder();
        for (int part = 0; entity.GetString(DataProperty + part.ToString(CultureInfo.InvariantCulture)) is { } chunk; part++)
        {
            json.Append(chunk);
        }

        return json.Length == 0 ? [] : StoredEvent.DeserializeList(json.ToString());
    }

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

    private sealed record Bucket(List<StoredEvent> Events, ETag? ETag);
}
