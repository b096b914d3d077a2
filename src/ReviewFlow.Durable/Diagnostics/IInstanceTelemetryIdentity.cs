namespace ReviewFlow.Durable.Diagnostics;

/// <summary>How telemetry names an instance.</summary>
/// <param name="InstanceId">The instance id to write in logs and spans (with any personal part replaced).</param>
/// <param name="SellerHash">The <see cref="Diagnostics.SellerHash"/> of the instance's seller, when it has one.</param>
public sealed record TelemetryIdentity(string InstanceId, string? SellerHash);

/// <summary>
/// Turns an instance id into what telemetry may show. The engine does not know what an application puts in its
/// instance ids (ReviewFlow puts the seller id there), so the application registers an implementation in the
/// service collection; without one, ids are shown as they are.
/// </summary>
public interface IInstanceTelemetryIdentity
{
    /// <summary>The identity of <paramref name="instanceId"/> for logs, spans and metrics.</summary>
    TelemetryIdentity Describe(string instanceId);
}
