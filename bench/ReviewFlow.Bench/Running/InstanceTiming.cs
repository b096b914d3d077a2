namespace ReviewFlow.Bench.Running;

/// <summary>When one measured instance was scheduled (by us) and created and completed (per the engine).</summary>
internal sealed record InstanceTiming(DateTimeOffset ScheduledAt, DateTime CreatedAt, DateTime CompletedAt);
