using System.Text.RegularExpressions;

namespace ReviewFlow.Integrations.Links;

/// <summary>One HMAC key of the link-signing key ring.</summary>
public sealed class SigningKey
{
    /// <summary>Short id written into every token, so verification picks the right key after a rotation.</summary>
    public string Id { get; set; } = "";

    /// <summary>The key: base64 of at least 32 random bytes (from Key Vault on Azure).</summary>
    public string Secret { get; set; } = "";

    /// <summary>
    /// For a retired key: links it signed are accepted until this instant (UTC), then refused. Null for a key in
    /// service. Set it to the retirement time plus <see cref="ActionLinkOptions.Lifetime"/> so no link dies early.
    /// </summary>
    public DateTime? AcceptUntil { get; set; }

    /// <summary>
    /// A fresh random key, for runs whose links need not outlive the process (simulations, a local service
    /// started without a configured key).
    /// </summary>
    public static SigningKey Ephemeral() =>
        new() { Id = "ephemeral", Secret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(ActionLinkOptions.MinimumKeyBytes)) };
}

/// <summary>Signed, expiring, single-use action links (configuration section "Links").</summary>
public sealed partial class ActionLinkOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Links";

    /// <summary>The public address of the action pages, e.g. https://reviewflow.contoso.com; links are {PublicBaseUrl}/act/{token}.</summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>How long a link stays valid after its email is sent.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>The key ring: the first key signs; every key verifies (retired ones until their <see cref="SigningKey.AcceptUntil"/>).</summary>
    public IList<SigningKey> SigningKeys { get; } = [];

    /// <summary>Options with one <see cref="SigningKey.Ephemeral"/> key: for simulations and tests, whose links die with the process.</summary>
    public static ActionLinkOptions WithEphemeralKey(string publicBaseUrl)
    {
        var options = new ActionLinkOptions { PublicBaseUrl = publicBaseUrl };
        options.SigningKeys.Add(SigningKey.Ephemeral());
        return options;
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> naming every invalid setting; never echoes a secret.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"{SectionName}:PublicBaseUrl must be an absolute http(s) URL (the address people open links at).");
        }

        if (Lifetime <= TimeSpan.Zero || Lifetime > TimeSpan.FromDays(90))
        {
            problems.Add($"{SectionName}:Lifetime must be more than zero and at most 90 days.");
        }

        if (SigningKeys.Count == 0)
        {
            problems.Add($"{SectionName}:SigningKeys needs at least one key (Id and Secret).");
        }

        for (var i = 0; i < SigningKeys.Count; i++)
        {
            var key = SigningKeys[i];
            var name = $"{SectionName}:SigningKeys:{i}";
            if (!KeyId().IsMatch(key.Id ?? ""))
            {
                problems.Add($"{name}:Id must be 1-32 letters, digits or '-'.");
            }

            if (DecodeOrNull(key.Secret) is not { Length: >= MinimumKeyBytes })
            {
                problems.Add($"{name}:Secret must be base64 of at least {MinimumKeyBytes} random bytes.");
            }

            if (i == 0 && key.AcceptUntil is not null)
            {
                problems.Add($"{name} signs new links, so it cannot have AcceptUntil; put the new key first when rotating.");
            }
        }

        foreach (var duplicate in SigningKeys.GroupBy(k => k.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"{SectionName}:SigningKeys has the id '{duplicate.Key}' more than once.");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid link settings: " + string.Join(" ", problems));
        }
    }

    internal const int MinimumKeyBytes = 32;

    internal static byte[]? DecodeOrNull(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return null;
        }

        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) ? buffer[..written] : null;
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,32}$")]
    private static partial Regex KeyId();
}
