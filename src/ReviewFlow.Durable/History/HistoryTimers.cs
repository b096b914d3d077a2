namespace ReviewFlow.Durable.History;

/// <summary>What a history says about the durable timers it created.</summary>
internal static class HistoryTimers
{
    /// <summary>
    /// The timers the history created and has not seen fire: still pending, or cancelled (history does not record
    /// cancellations).
    /// </summary>
    public static IEnumerable<TimerCreated> Unfired(IEnumerable<HistoryEvent> history)
    {
        var events = history.ToList();
        var fired = events.OfType<TimerFired>().Select(t => t.TaskId).ToHashSet();
        return events.OfType<TimerCreated>().Where(t => !fired.Contains(t.TaskId));
    }
}
