namespace ReviewFlow.Durable.History;

/// <summary>
/// A message on a control queue: an event for one orchestration instance.
/// <paramref name="ExecutionId"/> targets one execution; messages for an older execution are dropped.
/// </summary>
public sealed record ControlMessage(string InstanceId, string? ExecutionId, HistoryEvent Event);

/// <summary>A message on the work-item queue: one activity to run.</summary>
/// <param name="InstanceId">The instance that scheduled it.</param>
/// <param name="ExecutionId">The execution that scheduled it.</param>
/// <param name="TaskId">The task's sequence number in that execution.</param>
/// <param name="Name">The activity name.</param>
/// <param name="Input">The serialized input.</param>
/// <param name="PriorAttempts">Runs outside the queue so far (local runs that could not complete).</param>
/// <param name="LastError">Why the last attempt outside the queue failed, for the dead-letter reason.</param>
public sealed record ActivityWorkItem(string InstanceId, string ExecutionId, int TaskId, string Name, string? Input, int PriorAttempts = 0, string? LastError = null);
