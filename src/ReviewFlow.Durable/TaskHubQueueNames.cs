using System.Globalization;

namespace ReviewFlow.Durable;

/// <summary>
/// The names of a task hub's queues. Hosting configuration that triggers on them (Azure Functions'
/// function.json) must use exactly these, so they are defined once, here.
/// </summary>
public static class TaskHubQueueNames
{
    /// <summary>Control queue <paramref name="partition"/> (0-based): "{hub}-control-00".</summary>
    public static string ControlQueue(string taskHub, int partition)
        => string.Create(CultureInfo.InvariantCulture, $"{taskHub}-control-{partition:D2}");

    /// <summary>The work-item (activity) queue: "{hub}-workitems".</summary>
    public static string WorkItems(string taskHub) => $"{taskHub}-workitems";

    /// <summary>The engine's own poison queue, for dead-lettered and unreadable messages: "{hub}-poison".</summary>
    public static string Poison(string taskHub) => $"{taskHub}-poison";
}
