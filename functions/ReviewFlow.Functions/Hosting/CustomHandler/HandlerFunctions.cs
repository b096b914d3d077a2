using System.Globalization;

namespace ReviewFlow.Functions.Hosting.CustomHandler;

/// <summary>What a non-HTTP function does when the host invokes it.</summary>
internal enum HandlerFunctionKind
{
    /// <summary>A control-queue message: one orchestration episode.</summary>
    ControlQueue,

    /// <summary>A work-item message: one activity.</summary>
    WorkItems,

    /// <summary>The due-timer sweep.</summary>
    TimerSweep,

    /// <summary>Quarter kickoff by the fiscal calendar.</summary>
    QuarterKickoff,
}

/// <summary>A function the handler answers, named as its folder next to host.json.</summary>
/// <param name="Name">The function's name (its folder, and the path the host posts invocations to).</param>
/// <param name="Kind">What it does.</param>
/// <param name="TriggerBinding">The trigger binding's name in function.json: the key of its value in the invocation's Data.</param>
/// <param name="Partition">The control queue's partition, for <see cref="HandlerFunctionKind.ControlQueue"/>.</param>
internal sealed record HandlerFunction(string Name, HandlerFunctionKind Kind, string TriggerBinding, int Partition = -1)
{
    /// <summary>True for queue-triggered functions.</summary>
    public bool IsQueue => Kind is HandlerFunctionKind.ControlQueue or HandlerFunctionKind.WorkItems;
}

/// <summary>
/// The functions of the app besides the catch-all HTTP one (which the host forwards as plain HTTP). One queue
/// function per control queue, so each partition scales and retries on its own.
/// </summary>
internal static class HandlerFunctions
{
    /// <summary>The catch-all HTTP function's name (its requests arrive forwarded, not as invocations).</summary>
    public const string Http = "http";

    /// <summary>Binding name of the queue triggers' message.</summary>
    public const string QueueBinding = "message";

    /// <summary>Binding name of the timer triggers' timer.</summary>
    public const string TimerBinding = "timer";

    /// <summary>The control queues the engine uses (its default partition count, which the service does not change).</summary>
    public static int ControlQueueCount { get; } = new Durable.DurableStorageOptions().ControlQueueCount;

    public static IReadOnlyList<HandlerFunction> All { get; } =
    [
        .. Enumerable.Range(0, ControlQueueCount).Select(p => new HandlerFunction(ControlName(p), HandlerFunctionKind.ControlQueue, QueueBinding, p)),
        new("workitems", HandlerFunctionKind.WorkItems, QueueBinding),
        new("timer-sweep", HandlerFunctionKind.TimerSweep, TimerBinding),
        new("quarter-kickoff", HandlerFunctionKind.QuarterKickoff, TimerBinding),
    ];

    public static HandlerFunction? Find(string name) => All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    private static string ControlName(int partition) => string.Create(CultureInfo.InvariantCulture, $"control-{partition:D2}");
}
