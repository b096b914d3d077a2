using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ReviewFlow.Durable.Diagnostics;

/// <summary>
/// The names under which the engine reports traces and metrics: subscribe to them (OpenTelemetry's
/// <c>AddSource</c> and <c>AddMeter</c>, or an <see cref="ActivityListener"/>/<see cref="MeterListener"/>).
/// Both are BCL types, so the engine needs no OpenTelemetry package; without a listener they cost next to nothing.
/// </summary>
public static class DurableTelemetry
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> of orchestration episodes and activity executions.</summary>
    public const string SourceName = "ReviewFlow.Durable";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> of the engine's counters.</summary>
    public const string MeterName = "ReviewFlow.Durable";

    internal static readonly ActivitySource Source = new(SourceName);

    internal static readonly Meter Meter = new(MeterName);
}
