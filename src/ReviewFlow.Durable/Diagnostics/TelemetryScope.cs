using System.Collections;

namespace ReviewFlow.Durable.Diagnostics;

/// <summary>
/// The state of the log scope around an activity execution: key/value pairs, so structured formatters (JSON
/// console, OpenTelemetry) write them as properties, and a readable text for the simple console.
/// </summary>
internal sealed class TelemetryScope(TelemetryIdentity identity, string step) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _pairs = identity.SellerHash is { } seller
        ?
        [
            new(TelemetryTags.ScopeInstanceId, identity.InstanceId),
            new(TelemetryTags.ScopeSellerHash, seller),
            new(TelemetryTags.ScopeStep, step),
        ]
        :
        [
            new(TelemetryTags.ScopeInstanceId, identity.InstanceId),
            new(TelemetryTags.ScopeStep, step),
        ];

    public int Count => _pairs.Length;

    public KeyValuePair<string, object?> this[int index] => _pairs[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_pairs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(' ', _pairs.Select(p => $"{p.Key}={p.Value}"));
}
