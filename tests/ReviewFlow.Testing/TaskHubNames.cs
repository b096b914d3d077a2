using System.Security.Cryptography;

namespace ReviewFlow.Testing;

/// <summary>
/// Unique task hub names. They prefix table, queue and container names, whose rules are the strictest of
/// the three: lowercase letters and digits, starting with a letter; 16 characters leaves room for suffixes.
/// </summary>
public static class TaskHubNames
{
    /// <summary>The longest name returned.</summary>
    public const int MaxLength = 16;

    private const int RandomLength = 12;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>
    /// Returns <paramref name="prefix"/> followed by random lowercase letters and digits, e.g. "t3k9x0a7mq2bz".
    /// The random part is 12 characters, shortened when a longer prefix would pass <see cref="MaxLength"/>.
    /// </summary>
    /// <param name="prefix">1 to 8 characters: a lowercase letter, then lowercase letters or digits.</param>
    public static string New(string prefix = "t")
    {
        ArgumentNullException.ThrowIfNull(prefix);
        // At least 8 random characters (36^8, about 2.8e12) so names stay unique across a long test run.
        if (prefix.Length is 0 or > MaxLength - 8
            || prefix[0] is not (>= 'a' and <= 'z')
            || !prefix.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9')))
        {
            throw new ArgumentException(
                $"Task hub prefix '{prefix}' must be 1 to {MaxLength - 8} characters: a lowercase letter, then lowercase letters or digits.",
                nameof(prefix));
        }

        int randomLength = Math.Min(RandomLength, MaxLength - prefix.Length);
        return prefix + RandomNumberGenerator.GetString(Alphabet, randomLength);
    }
}
