using System.Globalization;

using Microsoft.Graph.Models;

using ReviewFlow.Domain.People;
using ReviewFlow.Integrations.Storage;

using GraphDayOfWeek = Microsoft.Graph.Models.DayOfWeekObject;

namespace ReviewFlow.Integrations.Calendar.Graph;

/// <summary>Graph's time values (<c>dateTimeTimeZone</c>, named and custom time zones) as UTC instants and <see cref="TimeZoneInfo"/>s.</summary>
internal static class GraphTimeZones
{
    /// <summary>The format Graph writes local date-times in (no offset: the zone travels beside it).</summary>
    public const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff";

    // Outlook's ways of saying UTC, some of which are not system zone ids on Linux.
    private static readonly HashSet<string> UtcNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "UTC", "Etc/UTC", "tzone://Microsoft/Utc", "Coordinated Universal Time", "UTC+00:00", "Z",
    };

    /// <summary>A UTC instant as Graph's <c>dateTimeTimeZone</c>.</summary>
    public static DateTimeTimeZone ToGraph(DateTime utc) => new()
    {
        DateTime = UtcTimes.Require(utc, nameof(utc)).ToString(DateTimeFormat, CultureInfo.InvariantCulture),
        TimeZone = "UTC",
    };

    /// <summary>The UTC instant of a Graph <c>dateTimeTimeZone</c>, whatever zone it is written in.</summary>
    /// <exception cref="FormatException">The date-time cannot be read or its zone is unknown.</exception>
    public static DateTime ToUtc(DateTimeTimeZone value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!DateTime.TryParse(value.DateTime, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            throw new FormatException($"Graph returned an unreadable date-time '{value.DateTime}'.");
        }

        switch (parsed.Kind)
        {
            case DateTimeKind.Utc:
                return parsed;
            case DateTimeKind.Local:
                // An explicit offset in the text wins over the zone name.
                return parsed.ToUniversalTime();
        }

        var zone = FindNamed(value.TimeZone)
            ?? throw new FormatException($"Graph returned a time in an unknown time zone '{value.TimeZone}'.");

        // GetUtcOffset never throws: a wall time skipped by a DST change gets the standard offset, which is how
        // Outlook itself places such a time.
        return DateTime.SpecifyKind(parsed - zone.GetUtcOffset(parsed), DateTimeKind.Utc);
    }

    /// <summary>The zone named by Graph (Windows or IANA id, or one of Outlook's names for UTC); null when unknown.</summary>
    public static TimeZoneInfo? FindNamed(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        if (UtcNames.Contains(name.Trim()))
        {
            return TimeZoneInfo.Utc;
        }

        return TimeZones.TryFind(name.Trim(), out var zone) ? zone : null;
    }

    /// <summary>
    /// The zone of a mailbox's working hours: a named zone (Windows or IANA) or a <c>customTimeZone</c> built from its
    /// bias and transition rules; null when the name is unknown or the rules are unusable.
    /// </summary>
    public static TimeZoneInfo? FromWorkingHoursZone(TimeZoneBase? zone) => zone switch
    {
        null => null,
        CustomTimeZone custom => FromCustom(custom),
        _ => FindNamed(zone.Name),
    };

    /// <summary>
    /// Builds the zone a <c>customTimeZone</c> describes. Graph follows Windows' TIME_ZONE_INFORMATION: <c>bias</c>
    /// is the minutes to ADD to local standard time to get UTC (480 for UTC-08:00), and <c>daylightBias</c> is
    /// added on top during daylight time (-60 for one hour of DST), so the UTC offset is the negative of each sum.
    /// The transition into daylight time is <c>daylightOffset</c> (in standard local time) and back is
    /// <c>standardOffset</c> (in daylight local time); a <c>dayOccurrence</c> of 5 means the last such weekday.
    /// The id is derived from the rules, so the same definition always gets the same id.
    /// </summary>
    /// <returns>The zone, or null when the bias is missing or the rules are out of range.</returns>
    public static TimeZoneInfo? FromCustom(CustomTimeZone custom)
    {
        ArgumentNullException.ThrowIfNull(custom);
        if (custom.Bias is not { } bias)
        {
            return null;
        }

        var daylight = custom.DaylightOffset;
        var standard = custom.StandardOffset;
        bool observesDst = daylight is { Month: >= 1 and <= 12, DaylightBias: not (null or 0) } && standard is { Month: >= 1 and <= 12 };
        string rules = observesDst
            ? string.Create(CultureInfo.InvariantCulture, $"{bias}|{daylight!.DaylightBias}|{Describe(daylight)}|{Describe(standard!)}")
            : string.Create(CultureInfo.InvariantCulture, $"{bias}");
        string id = "Graph custom zone " + TableKeys.Sha256Hex(rules)[..16];
        string name = string.IsNullOrWhiteSpace(custom.Name) ? "Custom time zone" : custom.Name;
        var baseOffset = TimeSpan.FromMinutes(-bias);
        try
        {
            if (!observesDst)
            {
                return TimeZoneInfo.CreateCustomTimeZone(id, baseOffset, name, name);
            }

            var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
                YearStart(daylight!.Year),
                YearEnd(daylight.Year),
                TimeSpan.FromMinutes(-daylight.DaylightBias!.Value),
                Transition(daylight),
                Transition(standard!));
            return TimeZoneInfo.CreateCustomTimeZone(id, baseOffset, name, name, name + " (daylight)", [rule]);
        }
        catch (Exception e) when (e is ArgumentException or InvalidTimeZoneException)
        {
            // Offsets beyond ±14 h or impossible dates: no usable zone, so the person's own settings apply.
            return null;
        }
    }

    private static TimeZoneInfo.TransitionTime Transition(StandardTimeZoneOffset offset)
    {
        var time = offset.Time ?? new Microsoft.Kiota.Abstractions.Time(0, 0, 0);
        return TimeZoneInfo.TransitionTime.CreateFloatingDateRule(
            new DateTime(1, 1, 1, time.Hour, time.Minute, time.Second, DateTimeKind.Unspecified),
            offset.Month!.Value,
            Math.Clamp(offset.DayOccurrence ?? 1, 1, 5),
            ToDayOfWeek(offset.DayOfWeek ?? GraphDayOfWeek.Sunday));
    }

    // Year 0 means every year; another year limits the rule to that year.
    private static DateTime YearStart(int? year) => year is > 0 and < 9999 ? new DateTime(year.Value, 1, 1) : DateTime.MinValue.Date;

    private static DateTime YearEnd(int? year) => year is > 0 and < 9999 ? new DateTime(year.Value, 12, 31) : DateTime.MaxValue.Date;

    private static string Describe(StandardTimeZoneOffset offset) => string.Create(
        CultureInfo.InvariantCulture,
        $"{offset.Month}/{offset.DayOccurrence}/{offset.DayOfWeek}/{offset.Time}/{offset.Year}");

    /// <summary>Graph's day of week as .NET's.</summary>
    public static DayOfWeek ToDayOfWeek(GraphDayOfWeek day) => day switch
    {
        GraphDayOfWeek.Sunday => DayOfWeek.Sunday,
        GraphDayOfWeek.Monday => DayOfWeek.Monday,
        GraphDayOfWeek.Tuesday => DayOfWeek.Tuesday,
        GraphDayOfWeek.Wednesday => DayOfWeek.Wednesday,
        GraphDayOfWeek.Thursday => DayOfWeek.Thursday,
        GraphDayOfWeek.Friday => DayOfWeek.Friday,
        GraphDayOfWeek.Saturday => DayOfWeek.Saturday,
        _ => throw new ArgumentOutOfRangeException(nameof(day), day, "Unknown day of week."),
    };
}
