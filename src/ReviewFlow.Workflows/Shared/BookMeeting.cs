using System.Text.Json.Nodes;
using ReviewFlow.Domain.People;
using ReviewFlow.Domain.Scheduling;
using ReviewFlow.Durable;
using ReviewFlow.Integrations.Calendar;
using ReviewFlow.Integrations.Journal;
using ReviewFlow.Workflows.Diagnostics;

namespace ReviewFlow.Workflows.Shared;

/// <summary>A meeting to book between the manager (organiser) and the seller.</summary>
/// <param name="Organizer">The manager.</param>
/// <param name="Attendee">The seller.</param>
/// <param name="Kind">"review", "extra" or "coaching".</param>
/// <param name="WindowStart">Earliest start.</param>
/// <param name="WindowEnd">Latest end.</param>
/// <param name="Preferred">The weekday and time to keep when free.</param>
/// <param name="Length">Meeting length.</param>
/// <param name="Subject">Subject line.</param>
/// <param name="Body">Agenda text.</param>
/// <param name="Stamp">Journal stamp.</param>
/// <param name="AlsoRecord">Entries to journal with the booking; each gets the slot's start and end added.</param>
/// <param name="Earlier">Entries the orchestrator noted earlier (with their own times), written first.</param>
public sealed record MeetingCommand(
    Person Organizer,
    Person Attendee,
    string Kind,
    DateTime WindowStart,
    DateTime WindowEnd,
    PreferredSlot? Preferred,
    TimeSpan Length,
    string Subject,
    string Body,
    Stamp Stamp,
    IReadOnlyList<PendingEntry> AlsoRecord,
    IReadOnlyList<PendingEntry>? Earlier = null);

/// <summary>A booked meeting.</summary>
public sealed record BookedMeeting(string EventId, DateTime Start, DateTime End);

/// <summary>
/// Finds a slot both people are free in, inside both working days (the hours a mailbox publishes when it does,
/// otherwise the person's; keeping the previous weekday and time when free), creates the event once per
/// idempotency key and journals <c>ReviewBooked</c>. If the window is full, it looks one more week ahead rather
/// than double-booking anyone; null when even that is full.
/// </summary>
public sealed class BookMeeting(ICalendar calendar, ICycleJournal journal) : TaskActivity<MeetingCommand, BookedMeeting?>
{
    private const int MaxAttempts = 20;
    private static readonly TimeSpan Extension = TimeSpan.FromDays(7);

    private async Task<TimeRange?> FindSlotAsync(MeetingCommand input, CancellationToken ct)
    {
        var busyEnd = input.WindowEnd + Extension;
        var schedules = await calendar.GetSchedulesAsync([input.Organizer.Email, input.Attendee.Email], input.WindowStart, busyEnd, ct);
        var (organizer, attendee) = (schedules[0], schedules[1]);
        var request = new SlotRequest(
            WithPublishedHours(input.Organizer, organizer),
            WithPublishedHours(input.Attendee, attendee),
            input.Length,
            input.WindowStart,
            input.WindowEnd,
            organizer.Busy,
            attendee.Busy,
            input.Preferred);

        // If the window is full, one more week ahead rather than double-booking anyone.
        return SlotFinder.Find(request) ?? SlotFinder.Find(request with { WindowEnd = busyEnd });
    }

    // The working hours a mailbox publishes (Outlook's own setting) are what the person keeps up to date, so they
    // win over the ones in the team file; a zone that is not a system zone (Outlook's custom zone) is registered so
    // the person can name it.
    private static Person WithPublishedHours(Person person, MailboxSchedule schedule) => schedule.WorkingHours is { } hours
        ? person with { WorkingHours = hours, TimeZone = schedule.WorkingHoursZone is { } zone ? TimeZones.Register(zone) : person.TimeZone }
        : person;

    /// <inheritdoc/>
    public override async Task<BookedMeeting?> RunAsync(TaskActivityContext context, MeetingCommand input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = context.CancellationToken;
        CalendarEvent? created = null;
        for (var attempt = 1; created is null; attempt++)
        {
            var slot = await FindSlotAsync(input, ct);
            if (slot is null)
            {
                var missed = new PendingEntry("MeetingNotBooked", new JsonObject
                {
                    ["kind"] = input.Kind,
                    ["reason"] = "no time free in both calendars inside both working days",
                    ["windowStart"] = Texts.Iso(input.WindowStart),
                    ["windowEnd"] = Texts.Iso(input.WindowEnd + Extension),
                });
                await journal.AppendCountedAsync((input.Earlier ?? []).Append(missed).ToEntries(context, input.Stamp), context);
                return null;
            }

            try
            {
                // A redelivered booking gets the event created the first time, whatever slot it computed now.
                created = await calendar.CreateEventAsync(
                    new NewCalendarEvent(input.Organizer.Email, [input.Attendee.Email], input.Subject, input.Body, slot.Start, slot.End, input.Kind),
                    context.IdempotencyKey,
                    ct);
            }
            catch (SlotTakenException) when (attempt < MaxAttempts)
            {
                // Another booking (a colleague's review with the same manager) took the slot between our
                // look-up and our write: look again rather than double-book anyone.
            }
        }

        var booked = new PendingEntry("ReviewBooked", new JsonObject
        {
            ["start"] = Texts.Iso(created.StartUtc),
            ["end"] = Texts.Iso(created.EndUtc),
            ["attendees"] = new JsonArray((JsonNode)input.Organizer.Email, (JsonNode)input.Attendee.Email),
            ["kind"] = input.Kind,
            ["eventId"] = created.Id,
        });
        var also = input.AlsoRecord.Select(e =>
        {
            var data = (JsonObject)e.Data.DeepClone();
            data["start"] = Texts.Iso(created.StartUtc);
            data["end"] = Texts.Iso(created.EndUtc);
            return e with { Data = data };
        });
        var stamp = input.Stamp;
        await journal.AppendCountedAsync((input.Earlier ?? []).Append(booked).Concat(also).ToEntries(context, stamp), context);
        return new BookedMeeting(created.Id, created.StartUtc, created.EndUtc);
    }
}
