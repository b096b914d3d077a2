using System.Security.Cryptography;
using System.Text;

namespace ReviewFlow.Durable.Diagnostics;

/// <summary>
/// The pseudonym telemetry uses for a seller: the first 12 hex characters of the SHA-256 of the seller id. It lets
/// an operator follow one seller's cycle across logs without the id, name or email ever being written. It is a
/// pseudonym, not anonymity: whoever knows the id can compute it (which is how an operator looks a seller up).
/// </summary>
public static class SellerHash
{
    /// <summary>Number of hex characters kept: 48 bits, ample to tell a company's sellers apart.</summary>
    public const int Length = 12;

    /// <summary>The hash of <paramref name="sellerId"/>, lowercase hex.</summary>
    public static string Of(string sellerId)
    {
        ArgumentNullException.ThrowIfNull(sellerId);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(sellerId));
        return Convert.ToHexStringLower(digest)[..Length];
    }
}
