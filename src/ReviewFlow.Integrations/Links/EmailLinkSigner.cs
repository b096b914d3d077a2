using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace ReviewFlow.Integrations.Links;

/// <summary>
/// Turns the <see cref="ActionLinkMarker"/> placeholders of an email model into signed links (and page
/// placeholders into plain addresses of the service) just before the email goes out. All links of one email share one nonce: answering once (accept, or propose) uses the email up.
/// </summary>
public sealed class EmailLinkSigner(ActionLinkSigner signer, TimeProvider clock)
{
    /// <summary>A copy of <paramref name="model"/> with every placeholder, at any depth, replaced by a signed URL.</summary>
    public JsonObject Sign(JsonObject model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var expires = clock.GetUtcNow().UtcDateTime + signer.Lifetime;
        var copy = (JsonObject)model.DeepClone();
        Replace(copy, nonce, expires);
        return copy;
    }

    private void Replace(JsonNode? node, string nonce, DateTime expires)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (Signed(child, nonce, expires) is { } url)
                    {
                        obj[name] = url;
                    }
                    else
                    {
                        Replace(child, nonce, expires);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (Signed(array[i], nonce, expires) is { } url)
                    {
                        array[i] = url;
                    }
                    else
                    {
                        Replace(array[i], nonce, expires);
                    }
                }

                break;
        }
    }

    private string? Signed(JsonNode? node, string nonce, DateTime expires)
    {
        if (node is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            return null;
        }

        if (ActionLinkMarker.TryParse(text, out var marker))
        {
            return signer.Url(signer.Sign(new ActionGrant(marker.Value.InstanceId, marker.Value.Action, marker.Value.PersonId, expires, nonce)));
        }

        return text.StartsWith(ActionLinkMarker.PageScheme, StringComparison.Ordinal)
            ? signer.PageUrl(text[ActionLinkMarker.PageScheme.Length..])
            : null;
    }
}
