using ReviewFlow.Durable.History;

namespace ReviewFlow.Durable.Replay;

/// <summary>What one episode of an orchestrator produced.</summary>
internal sealed class ExecutionResult
{
    /// <summary>Actions the code asked for in this episode, not yet in history.</summary>
    public List<OrchestratorAction> NewActions { get; } = [];

    /// <summary>Timers the code cancelled in this episode before they fired: their rows can be deleted.</summary>
    public List<CreateTimerAction> CancelledTimers { get; } = [];

    /// <summary>
    /// Timers neither fired nor cancelled when the episode ended, or null when the replay stopped short (a
    /// non-deterministic orchestrator) and only history can tell.
    /// </summary>
    public List<CreateTimerAction>? OpenTimers { get; set; }

    /// <summary>Set when the execution ended in this episode.</summary>
    public ExecutionCompleted? Completion { get; set; }

    /// <summary>Set when the code called ContinueAsNew and returned.</summary>
    public ContinueAsNewRequest? ContinueAsNew { get; set; }

    /// <summary>The custom status after the episode (serialized), and whether the code set it.</summary>
    public string? CustomStatus { get; set; }

    public bool CustomStatusChanged { get; set; }
}

/// <summary>The new input, version and carried-over events of a ContinueAsNew.</summary>
internal sealed record ContinueAsNewRequest(string? Input, string? NewVersion, IReadOnlyList<EventRaised> CarriedEvents);
