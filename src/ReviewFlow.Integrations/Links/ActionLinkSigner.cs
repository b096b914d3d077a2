using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReviewFlow.Integrations.Links;

/// <summary>
/// Signs and checks action-link tokens: <c>{keyId}.{payload}.{signature}</c>, base64url, where the signature is
/// HMAC-SHA256 over the key id and payload. The payload carries the grant (instance, action, person, expiry,
/// nonce); nothing in it is secret, but none of it can be changed without the key.
/// </summary>
public sealed class ActionLinkSigner
{
    /// <summary>Tokens longer than this are refused before any parsing (a link is about 250 characters).</summary>
    public const int MaxTokenLength = 1024;

    private readonly ActionLinkOptions _options;
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, (byte[] Key, DateTime? AcceptUntil)> _keys;

    /// <summary>Validates <paramref name="options"/> and loads the key ring.</summary>
    public ActionLinkSigner(ActionLinkOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        options.Validate();
        _options = options;
        _clock = clock;
        _keys = options.SigningKeys.ToDictionary(
            k => k.Id,
            k => (ActionLinkOptions.DecodeOrNull(k.Secret)!, k.AcceptUntil),
            StringComparer.Ordinal);
    }

    /// <summary>How long new links live.</summary>
    public TimeSpan Lifetime => _options.Lifetime;

    /// <summary>The page address for <paramref name="token"/>.</summary>
    public string Url(string token) => PageUrl($"act/{token}");

    /// <summary>The address of the service page at <paramref name="relativePath"/>.</summary>
    public string PageUrl(string relativePath) => $"{_options.PublicBaseUrl.TrimEnd('/')}/{relativePath.TrimStart('/')}";

    /// <summary>A token for <paramref name="grant"/>, signed with the first key of the ring.</summary>
    public string Sign(ActionGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var keyId = _options.SigningKeys[0].Id;
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(Payload.From(grant), PayloadJson.Default.Payload));
        var signed = $"{keyId}.{payload}";
        return $"{signed}.{Base64Url.EncodeToString(HMACSHA256.HashData(_keys[keyId].Key, Encoding.UTF8.GetBytes(signed)))}";
    }

    /// <summary>Checks <paramref name="token"/>: genuine (a key of the ring signed it), key still accepted, and in date.</summary>
    public LinkCheck Check(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return new LinkCheck(null, LinkProblem.Malformed);
        }

        var parts = token.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0) || !Base64Url.IsValid(parts[1]) || !Base64Url.IsValid(parts[2]))
        {
            return new LinkCheck(null, LinkProblem.Malformed);
        }

        if (!_keys.TryGetValue(parts[0], out var key))
        {
            return new LinkCheck(null, LinkProblem.Forged);
        }

        var expected = HMACSHA256.HashData(key.Key, Encoding.UTF8.GetBytes($"{parts[0]}.{parts[1]}"));
        var presented = Base64Url.DecodeFromChars(parts[2]);
        if (!CryptographicOperations.FixedTimeEquals(expected, presented))
        {
            return new LinkCheck(null, LinkProblem.Forged);
        }

        var now = _clock.GetUtcNow().UtcDateTime;
        if (key.AcceptUntil is { } until && now >= until)
        {
            return new LinkCheck(null, LinkProblem.KeyRetired);
        }

        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(parts[1]), PayloadJson.Default.Payload);
        }
        catch (JsonException)
        {
            payload = null; // signed by us yet unreadable: only an older token format could do this
        }

        if (payload?.ToGrant() is not { } grant)
        {
            return new LinkCheck(null, LinkProblem.Malformed);
        }

        return now >= grant.ExpiresUtc ? new LinkCheck(null, LinkProblem.Expired) : new LinkCheck(grant, null);
    }

    // Short property names keep links short enough for every mail client.
    internal sealed record Payload(
        [property: JsonPropertyName("i")] string? InstanceId,
        [property: JsonPropertyName("a")] string? Action,
        [property: JsonPropertyName("p")] string? PersonId,
        [property: JsonPropertyName("e")] long Expires,
        [property: JsonPropertyName("n")] string? Nonce)
    {
        public static Payload From(ActionGrant grant) =>
            new(grant.InstanceId, grant.Action, grant.PersonId, new DateTimeOffset(grant.ExpiresUtc, TimeSpan.Zero).ToUnixTimeSeconds(), grant.Nonce);

        public ActionGrant? ToGrant() =>
            string.IsNullOrEmpty(InstanceId) || string.IsNullOrEmpty(Action) || string.IsNullOrEmpty(PersonId) || string.IsNullOrEmpty(Nonce)
                ? null
                : new ActionGrant(InstanceId, Action, PersonId, DateTimeOffset.FromUnixTimeSeconds(Expires).UtcDateTime, Nonce);
    }
}

[JsonSerializable(typeof(ActionLinkSigner.Payload))]
internal sealed partial class PayloadJson : JsonSerializerContext;
