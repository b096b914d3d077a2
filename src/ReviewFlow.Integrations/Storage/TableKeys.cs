using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ReviewFlow.Integrations.Storage;

/// <summary>Turns arbitrary ids into valid Table Storage keys and derives stable ids from idempotency keys.</summary>
internal static class TableKeys
{
    // Azure allows 1 KiB per key; leave room for the tick prefixes the stores add in front.
    private const int MaxKeyLength = 400;

    /// <summary>
    /// Replaces the characters Table Storage forbids in keys (/ \ # ? and control characters) with %XX escapes.
    /// '%' is escaped too, so two different ids never share a key.
    /// </summary>
    public static string Sanitise(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        if (builder.Length <= MaxKeyLength)
        {
            return builder.ToString();
        }

        // Overlong ids keep a readable head and a hash of the whole, which is still unique.
        return builder.ToString(0, MaxKeyLength - 65) + "~" + Sha256Hex(value);
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes of <paramref name="value"/>.</summary>
    public static string Sha256Hex(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>Row key prefix that sorts by time: the UTC ticks, zero-padded to 19 digits.</summary>
    public static string Ticks(DateTime utc) => utc.Ticks.ToString("D19", CultureInfo.InvariantCulture);
}
