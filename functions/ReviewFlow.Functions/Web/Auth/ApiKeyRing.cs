using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace ReviewFlow.Functions.Web.Auth;

/// <summary>
/// The configured API keys, held as SHA-256 digests. A presented key is hashed and compared with every digest in
/// constant time, so neither the comparison nor which key matched leaks through timing.
/// </summary>
internal sealed class ApiKeyRing
{
    /// <summary>Claim carrying the digest's fingerprint, so a sign-in cookie dies with its key.</summary>
    public const string FingerprintClaim = "reviewflow:key";

    /// <summary>Longest header value even looked at: keys are short, anything longer is not a key.</summary>
    private const int MaxPresentedLength = 512;

    private readonly List<Entry> _entries;

    public ApiKeyRing(IEnumerable<ApiKeyOptions> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _entries = [.. keys.Select(k => new Entry(Digest(k.Key), k))];
    }

    public int Count => _entries.Count;

    /// <summary>The principal of <paramref name="presented"/>, or null when it is no configured key.</summary>
    public ClaimsPrincipal? Authenticate(string? presented, string scheme)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > MaxPresentedLength)
        {
            return null;
        }

        var digest = Digest(presented);
        Entry? match = null;
        foreach (var entry in _entries)
        {
            // Every entry is compared, whether or not an earlier one matched.
            if (CryptographicOperations.FixedTimeEquals(entry.Digest, digest))
            {
                match = entry;
            }
        }

        return match is null ? null : Principal(match, scheme);
    }

    /// <summary>True while the key whose fingerprint is <paramref name="fingerprint"/> is still configured.</summary>
    public bool IsCurrent(string? fingerprint) =>
        fingerprint is not null && _entries.Any(e => string.Equals(Fingerprint(e.Digest), fingerprint, StringComparison.Ordinal));

    private static ClaimsPrincipal Principal(Entry entry, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, entry.Options.Name),
            new(ViewerClaims.Role, entry.Options.Role),
            new(FingerprintClaim, Fingerprint(entry.Digest)),
        };
        if (!string.IsNullOrWhiteSpace(entry.Options.ManagerId))
        {
            claims.Add(new Claim(ViewerClaims.ManagerId, entry.Options.ManagerId));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ViewerClaims.Role));
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    // Half the digest: enough to tell keys apart, and says nothing usable about the key itself.
    private static string Fingerprint(byte[] digest) => Convert.ToHexString(digest, 0, 16);

    private sealed record Entry(byte[] Digest, ApiKeyOptions Options);
}
