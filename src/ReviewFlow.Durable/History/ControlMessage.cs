namespace ReviewFlow.Durable.History;

/// <summary>
/// A message on a control queue: an event for one orchestration instance.
/// <paramref name="ExecutionId"/> targets one execution; messages for an older execution are dropped.
/// </summary>
public sealed record ControlMessage(string InstanceId, string? ExecutionId, HistoryEvent Event);

/// <summary>A message on the work-item queue: one activity to run.</summary>
public sealed record ActivityWorkItem(string InstanceId, string ExecutionId, int TaskId, string Name, string? Input);
