using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReviewFlow.Functions.Web.Auth;

/// <summary>
/// The <c>X-MS-CLIENT-PRINCIPAL</c> header App Service Authentication adds: base64 of
/// <c>{"auth_typ":…,"claims":[{"typ":…,"val":…}],"name_typ":…,"role_typ":…}</c>.
/// </summary>
internal sealed record ClientPrincipal(
    [property: JsonPropertyName("auth_typ")] string? AuthType,
    [property: JsonPropertyName("claims")] IReadOnlyList<ClientPrincipalClaim>? Claims,
    [property: JsonPropertyName("name_typ")] string? NameType,
    [property: JsonPropertyName("role_typ")] string? RoleType)
{
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>Claims tokens carry are small; a header beyond this is not a principal the platform made.</summary>
    private const int MaxHeaderLength = 32 * 1024;

    /// <summary>The decoded principal, or null when the header is not base64 JSON of that shape.</summary>
    public static ClientPrincipal? Decode(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > MaxHeaderLength)
        {
            return null;
        }

        try
        {
            var json = Encoding.UTF8.GetString(Convert.FromBase64String(header.Trim()));
            var principal = JsonSerializer.Deserialize(json, ClientPrincipalJson.Default.ClientPrincipal);

            // The platform always sends the claims list; without it this is not its header.
            return principal?.Claims is null ? null : principal;
        }
        catch (Exception e) when (e is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>Every value of claims of type <paramref name="type"/> (case-insensitive type, as Entra ID varies it).</summary>
    public IEnumerable<string> Values(string? type) =>
        type is null || Claims is null
            ? []
            : Claims.Where(c => c is not null && string.Equals(c.Type, type, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(c.Value)).Select(c => c.Value!);
}

/// <summary>One claim of a <see cref="ClientPrincipal"/>.</summary>
internal sealed record ClientPrincipalClaim([property: JsonPropertyName("typ")] string? Type, [property: JsonPropertyName("val")] string? Value);

[JsonSerializable(typeof(ClientPrincipal))]
internal sealed partial class ClientPrincipalJson : JsonSerializerContext;
