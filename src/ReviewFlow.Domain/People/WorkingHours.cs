namespace ReviewFlow.Domain.People;

/// <summary>A person's local working day: meetings and emails land inside it (METHOD.md rule 5).</summary>
/// <param name="Start">Local start of the working day.</param>
/// <param name="End">Local end of the working day (after <paramref name="Start"/>).</param>
/// <param name="Days">Working days.</param>
public sealed record WorkingHours(TimeOnly Start, TimeOnly End, IReadOnlyList<DayOfWeek> Days)
{
    /// <summary>How far <see cref="NextOpening"/> looks ahead before giving up.</summary>
    private const int LookAheadDays = 14;

    /// <summary>09:00 to 17:30, Monday to Friday.</summary>
    public static WorkingHours Default { get; } = new(new TimeOnly(9, 0), new TimeOnly(17, 30),
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]);

    /// <summary>Whether [<paramref name="startUtc"/>, +<paramref name="length"/>) lies inside one working day in <paramref name="zone"/>.</summary>
    /// <remarks>
    /// The local start's weekday must be a working day, the local start at or after <see cref="Start"/>, and the
    /// local end at or before <see cref="End"/> on the same local date. Both ends are converted separately, so a
    /// meeting across a DST change is judged by the wall clock at each end.
    /// </remarks>
    public bool Covers(DateTime startUtc, TimeSpan length, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var start = ZoneTime.AsUtc(startUtc);
        var localStart = ZoneTime.ToLocal(start, zone);
        if (!IsWorkingDay(localStart.DayOfWeek) || TimeOnly.FromDateTime(localStart) < Start)
        {
            return false;
        }

        var localEnd = ZoneTime.ToLocal(start + length, zone);
        return localEnd.Date == localStart.Date && TimeOnly.FromDateTime(localEnd) <= End && localEnd >= localStart;
    }

    /// <summary>The earliest instant at or after <paramref name="utc"/> that is inside working hours in <paramref name="zone"/> (UTC).</summary>
    /// <remarks>
    /// Inside means a working day with a local time in [<see cref="Start"/>, <see cref="End"/>). A start that falls
    /// in a spring-forward gap moves to the first instant after the gap; a start that occurs twice (fall-back)
    /// takes the earlier occurrence that is not before <paramref name="utc"/>. Looks ahead 14 days.
    /// </remarks>
    /// <exception cref="InvalidOperationException">No working days, or nothing inside working hours within 14 days.</exception>
    public DateTime NextOpening(DateTime utc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (Days is null || Days.Count == 0)
        {
            throw new InvalidOperationException("workingHours.days is empty: there is no working time to open.");
        }

        var from = ZoneTime.AsUtc(utc);
        var local = ZoneTime.ToLocal(from, zone);
        var today = local.Date;
        for (var day = 0; day <= LookAheadDays; day++)
        {
            var date = today.AddDays(day);
            if (!IsWorkingDay(date.DayOfWeek))
            {
                continue;
            }

            if (day == 0)
            {
                var time = TimeOnly.FromDateTime(local);
                if (time >= Start && time < End)
                {
                    return from;
                }

                if (time >= End)
                {
                    continue;
                }
            }

            var opening = ZoneTime.EarliestAtOrAfter(date + Start.ToTimeSpan(), zone, from);
            if (opening is { } found)
            {
                return found;
            }
        }

        throw new InvalidOperationException(
            $"No working time within {LookAheadDays} days of {from:O} in time zone {zone.Id}.");
    }

    /// <summary>Problems with the values, each naming the field; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Start >= End)
        {
            problems.Add(FormattableString.Invariant(
                $"workingHours.start ({Start:HH:mm}) must be before workingHours.end ({End:HH:mm})."));
        }

        if (Days is null || Days.Count == 0)
        {
            problems.Add("workingHours.days must list at least one day.");
            return problems;
        }

        foreach (var day in Days.Where(d => !Enum.IsDefined(d)).Distinct())
        {
            problems.Add(FormattableString.Invariant($"workingHours.days has an unknown day ({(int)day})."));
        }

        foreach (var day in Days.Where(d => Enum.IsDefined(d)).GroupBy(d => d).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            problems.Add($"workingHours.days lists {day} more than once.");
        }

        return problems;
    }

    private bool IsWorkingDay(DayOfWeek day)
    {
        // A plain loop: this runs for every candidate slot, and Days holds at most 7 entries.
        for (var i = 0; i < Days.Count; i++)
        {
            if (Days[i] == day)
            {
                return true;
            }
        }

        return false;
    }
}
