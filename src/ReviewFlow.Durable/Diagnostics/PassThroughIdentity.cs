namespace ReviewFlow.Durable.Diagnostics;

/// <summary>The identity used when the application registered none: the instance id as it is, no seller.</summary>
internal sealed class PassThroughIdentity : IInstanceTelemetryIdentity
{
    public static readonly PassThroughIdentity Instance = new();

    public TelemetryIdentity Describe(string instanceId) => new(instanceId, null);
}
