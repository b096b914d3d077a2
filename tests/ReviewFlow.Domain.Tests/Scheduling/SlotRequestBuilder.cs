using System.Globalization;

using ReviewFlow.Domain.People;
using ReviewFlow.Domain.Scheduling;

namespace ReviewFlow.Domain.Tests.Scheduling;

/// <summary>Builds slot requests from compact table values: London 09:00-17:30 weekdays unless told otherwise.</summary>
internal sealed class SlotRequestBuilder
{
    private static readonly DayOfWeek[] Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static readonly DayOfWeek[] EveryDay = [.. Enum.GetValues<DayOfWeek>()];

    private Person _organizer = Person("mark", "Europe/London");
    private Person _attendee = Person("priya", "Europe/London");
    private DateTime _windowStart = Utc("2027-01-05T00:00:00Z");
    private DateTime _windowEnd = Utc("2027-01-09T00:00:00Z");
    private TimeSpan _length = TimeSpan.FromMinutes(20);
    private readonly List<TimeRange> _organizerBusy = [];
    private readonly List<TimeRange> _attendeeBusy = [];
    private PreferredSlot? _preferred;

    public static Person Person(string id, string zone, string hours = "09:00-17:30", bool everyDay = false)
    {
        var parts = hours.Split('-');
        var workingHours = new WorkingHours(
            TimeOnly.Parse(parts[0], CultureInfo.InvariantCulture),
            TimeOnly.Parse(parts[1], CultureInfo.InvariantCulture),
            everyDay ? EveryDay : Weekdays);
        return new Person(id, id, $"{id}@example.test", zone, workingHours);
    }

    public SlotRequestBuilder Organizer(string zone, string hours = "09:00-17:30", bool everyDay = false)
    {
        _organizer = Person("mark", zone, hours, everyDay);
        return this;
    }

    public SlotRequestBuilder Attendee(string zone, string hours = "09:00-17:30", bool everyDay = false)
    {
        _attendee = Person("priya", zone, hours, everyDay);
        return this;
    }

    public SlotRequestBuilder Attendee(Person attendee)
    {
        _attendee = attendee;
        return this;
    }

    public SlotRequestBuilder Window(string start, string end)
    {
        _windowStart = Utc(start);
        _windowEnd = Utc(end);
        return this;
    }

    public SlotRequestBuilder Minutes(int minutes)
    {
        _length = TimeSpan.FromMinutes(minutes);
        return this;
    }

    public SlotRequestBuilder Preferred(DayOfWeek day, string time)
    {
        _preferred = new PreferredSlot(day, TimeOnly.Parse(time, CultureInfo.InvariantCulture));
        return this;
    }

    public SlotRequestBuilder Preferred(PreferredSlot preferred)
    {
        _preferred = preferred;
        return this;
    }

    /// <summary>
    /// Busy blocks in January 2027 (UTC), separated by ';': "o 05 14:00-15:00" is the organiser on the 5th,
    /// "a 13 10:00-11:00" the attendee on the 13th.
    /// </summary>
    public SlotRequestBuilder Busy(string blocks)
    {
        foreach (var block in blocks.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = block.Split(' ');
            var times = parts[2].Split('-');
            var day = $"2027-01-{parts[1]}T";
            var range = new TimeRange(Utc($"{day}{times[0]}:00Z"), Utc($"{day}{times[1]}:00Z"));
            (parts[0] == "o" ? _organizerBusy : _attendeeBusy).Add(range);
        }

        return this;
    }

    public SlotRequest Build() =>
        new(_organizer, _attendee, _length, _windowStart, _windowEnd, _organizerBusy, _attendeeBusy, _preferred);

    public static DateTime Utc(string value) =>
        DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
