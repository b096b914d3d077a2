using System.Diagnostics.Metrics;

namespace ReviewFlow.Durable.Diagnostics;

/// <summary>The engine's instruments (meter <see cref="DurableTelemetry.MeterName"/>).</summary>
internal static class EngineMetrics
{
    /// <summary>Episodes run, tagged with the orchestration, the outcome and the status after it.</summary>
    public static readonly Counter<long> Episodes = DurableTelemetry.Meter.CreateCounter<long>(
        "reviewflow.durable.episodes", "{episode}", "Orchestration episodes run (replay plus commit).");

    /// <summary>Activity executions, redeliveries included, tagged with the activity and the outcome.</summary>
    public static readonly Counter<long> Activities = DurableTelemetry.Meter.CreateCounter<long>(
        "reviewflow.durable.activities", "{execution}", "Activity executions, redeliveries included.");

    /// <summary>How long activity executions take, in wall-clock seconds.</summary>
    public static readonly Histogram<double> ActivityDuration = DurableTelemetry.Meter.CreateHistogram<double>(
        "reviewflow.durable.activity.duration", "s", "Wall-clock duration of activity executions.");

    /// <summary>Activities handed out after a commit, tagged with how (this process or the work-item queue).</summary>
    public static readonly Counter<long> ActivitiesDispatched = DurableTelemetry.Meter.CreateCounter<long>(
        "reviewflow.durable.activities.dispatched", "{activity}", "Activities handed out after a commit.");

    /// <summary>Activities re-sent after a worker died holding them.</summary>
    public static readonly Counter<long> ActivitiesResent = DurableTelemetry.Meter.CreateCounter<long>(
        "reviewflow.durable.activities.resent", "{activity}", "Unfinished activities re-sent after a worker was lost.");
}
