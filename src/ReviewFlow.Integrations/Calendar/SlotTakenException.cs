using System.Globalization;

namespace ReviewFlow.Integrations.Calendar;

/// <summary>
/// Thrown by <see cref="DevCalendar.CreateEventAsync"/> when the meeting overlaps an event already in the calendar
/// of one of its participants. Nothing of the refused meeting is left in any calendar, so the caller can read the
/// busy blocks again and pick another slot.
/// </summary>
public sealed class SlotTakenException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public SlotTakenException()
        : base("The slot is already taken.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SlotTakenException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that caused it.</summary>
    public SlotTakenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="mailbox"/>, naming the refused and the existing times.</summary>
    /// <param name="mailbox">The participant whose calendar already holds an overlapping event.</param>
    /// <param name="startUtc">Start of the refused meeting, UTC.</param>
    /// <param name="endUtc">End of the refused meeting, UTC.</param>
    /// <param name="takenStartUtc">Start of the existing event it overlaps, UTC.</param>
    /// <param name="takenEndUtc">End of the existing event it overlaps, UTC.</param>
    public SlotTakenException(string mailbox, DateTime startUtc, DateTime endUtc, DateTime takenStartUtc, DateTime takenEndUtc)
        : base(string.Create(
            CultureInfo.InvariantCulture,
            $"{mailbox} is already busy from {takenStartUtc:yyyy-MM-dd'T'HH:mm:ss'Z'} to {takenEndUtc:yyyy-MM-dd'T'HH:mm:ss'Z'}, so the meeting from {startUtc:yyyy-MM-dd'T'HH:mm:ss'Z'} to {endUtc:yyyy-MM-dd'T'HH:mm:ss'Z'} cannot be booked."))
    {
        Mailbox = mailbox;
        StartUtc = startUtc;
        EndUtc = endUtc;
        TakenStartUtc = takenStartUtc;
        TakenEndUtc = takenEndUtc;
    }

    /// <summary>The participant whose calendar already holds an overlapping event; empty when not given.</summary>
    public string Mailbox { get; } = "";

    /// <summary>Start of the refused meeting, UTC.</summary>
    public DateTime StartUtc { get; }

    /// <summary>End of the refused meeting, UTC.</summary>
    public DateTime EndUtc { get; }

    /// <summary>Start of the existing event the meeting overlaps, UTC.</summary>
    public DateTime TakenStartUtc { get; }

    /// <summary>End of the existing event the meeting overlaps, UTC.</summary>
    public DateTime TakenEndUtc { get; }
}
