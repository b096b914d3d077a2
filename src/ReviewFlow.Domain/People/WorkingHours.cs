namespace ReviewFlow.Domain.People;

/// <summary>A person's local working day: meetings and emails land inside it (METHOD.md rule 5).</summary>
/// <param name="Start">Local start of the working day.</param>
/// <param name="End">Local end of the working day (after <paramref name="Start"/>).</param>
/// <param name="Days">Working days.</param>
public sealed record WorkingHours(TimeOnly Start, TimeOnly End, IReadOnlyList<DayOfWeek> Days)
{
    /// <summary>09:00 to 17:30, Monday to Friday.</summary>
    public static WorkingHours Default { get; } = new(new TimeOnly(9, 0), new TimeOnly(17, 30),
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]);

    /// <summary>Whether [<paramref name="startUtc"/>, +<paramref name="length"/>) lies inside one working day in <paramref name="zone"/>.</summary>
    public bool Covers(DateTime startUtc, TimeSpan length, TimeZoneInfo zone) => throw new NotImplementedException();

    /// <summary>The earliest instant at or after <paramref name="utc"/> that is inside working hours in <paramref name="zone"/> (UTC).</summary>
    public DateTime NextOpening(DateTime utc, TimeZoneInfo zone) => throw new NotImplementedException();

    /// <summary>Problems with the values, each naming the field; empty when valid.</summary>
    public IReadOnlyList<string> Validate() => throw new NotImplementedException();
}
