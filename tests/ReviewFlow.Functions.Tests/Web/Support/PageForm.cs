using System.Net;
using System.Text.RegularExpressions;

namespace ReviewFlow.Functions.Tests.Web.Support;

/// <summary>Reads an action page like a browser would, and posts its form back with the anti-forgery token.</summary>
public static partial class PageForm
{
    public static async Task<(HttpStatusCode Status, string Html)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>GETs the page, then POSTs <paramref name="fields"/> with the page's anti-forgery field.</summary>
    public static async Task<(HttpStatusCode Status, string Html)> SubmitAsync(HttpClient client, string path, params (string Name, string Value)[] fields)
    {
        var (_, page) = await GetAsync(client, path);
        var antiforgery = Antiforgery().Match(page);
        var all = new List<KeyValuePair<string, string>>();
        if (antiforgery.Success)
        {
            all.Add(new(antiforgery.Groups["name"].Value, WebUtility.HtmlDecode(antiforgery.Groups["value"].Value)));
        }

        all.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using var response = await client.PostAsync(path, new FormUrlEncodedContent(all));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>__rf_af)\" value=\"(?<value>[^\"]+)\">")]
    private static partial Regex Antiforgery();
}
