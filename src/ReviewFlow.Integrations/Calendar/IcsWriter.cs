using Ical.Net.DataTypes;
using Ical.Net.Serialization;

using IcalCalendar = Ical.Net.Calendar;
using IcalEvent = Ical.Net.CalendarComponents.CalendarEvent;

namespace ReviewFlow.Integrations.Calendar;

/// <summary>Serialises one mailbox's dev calendar events as iCalendar text.</summary>
internal static class IcsWriter
{
    public static string Write(IEnumerable<StoredEvent> events)
    {
        var calendar = new IcalCalendar { ProductId = "-//ReviewFlow//Dev Calendar//EN" };
        foreach (var stored in events)
        {
            var item = new IcalEvent
            {
                Uid = stored.Id,
                DtStart = new CalDateTime(stored.StartUtc),
                DtEnd = new CalDateTime(stored.EndUtc),
                // The creation time, not the export time, so exporting twice gives the same file.
                DtStamp = new CalDateTime(stored.CreatedUtc),
                Summary = stored.Subject,
                Description = stored.Body,
                Organizer = new Organizer("mailto:" + stored.OrganizerEmail),
                Categories = [stored.Kind],
            };
            if (stored.Cancelled)
            {
                // RFC 5545 STATUS: calendar clients show the meeting struck through instead of silently dropping it.
                item.Status = "CANCELLED";
            }

            foreach (string attendee in stored.AttendeeEmails)
            {
                item.Attendees.Add(new Attendee("mailto:" + attendee));
            }

            calendar.Events.Add(item);
        }

        return new CalendarSerializer().SerializeToString(calendar)
            ?? throw new InvalidOperationException("The iCalendar serializer returned nothing.");
    }
}
