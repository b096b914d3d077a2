using System.Net;
using System.Text.RegularExpressions;
using ReviewFlow.Functions.Tests.Web.Support;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Testing;
using ReviewFlow.Workflows.Cycle;
using Xunit;

namespace ReviewFlow.Functions.Tests.Hosting;

/// <summary>Two instances of one deployment share the data-protection key ring, as scaled-out Functions instances do.</summary>
public sealed partial class DataProtectionKeysTests
{
    [Fact]
    public async Task FormOpenedOnOneInstance_IsAcceptedByAnother()
    {
        var hub = TaskHubNames.New("dp");
        var shared = new Dictionary<string, string?>
        {
            ["ReviewFlow:TaskHub"] = hub,
            ["ReviewFlow:OutboxDirectory"] = Path.Combine(Path.GetTempPath(), "reviewflow-web-tests", hub),
        };
        await using var first = await RunningService.StartAsync(shared);
        await using var second = await RunningService.StartAsync(shared);
        var cycle = (await first.StartQuarterAsync("kai")).Single();
        await first.ActionLinksAsync(EmailTemplates.DefineRequest, "mark@example.test");
        await first.Client.RaiseEventAsync(cycle, nameof(ExpectationsSubmitted), new ExpectationsSubmitted(new Dictionary<string, double> { ["revenue"] = 90000 }));
        var accept = (await first.ActionLinksAsync(EmailTemplates.AgreementProposal, "kai@example.test"))[0];

        // The page (and its anti-forgery cookie and token) comes from the first instance...
        using var plain = new HttpClient(new HttpClientHandler { UseCookies = false });
        using var page = await plain.GetAsync(new Uri(first.BaseAddress, accept));
        var cookie = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = Antiforgery().Match(await page.Content.ReadAsStringAsync());
        Assert.True(token.Success, "the page carries an anti-forgery field");

        // ...and the answer reaches the second, which must read the same key ring to accept it.
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri(second.BaseAddress, accept))
        {
            Content = new FormUrlEncodedContent([new(token.Groups["name"].Value, WebUtility.HtmlDecode(token.Groups["value"].Value)), new("decision", "accept")]),
        };
        post.Headers.Add("Cookie", cookie);
        using var answer = await plain.SendAsync(post);

        // The ring lives in the deployment's storage, not in a folder of one machine (both instances here share a disk,
        // so only this shows that a second machine would read the same keys).
        var azurite = await SharedAzurite.GetAsync();
        var keys = new Azure.Data.Tables.TableClient(azurite.ConnectionString, hub + "DataProtection").Query<Azure.Data.Tables.TableEntity>().ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Contains("<key ", k.GetString("Xml"), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("You accepted your targets", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await first.WaitForAsync(cycle, "TargetsAgreed");
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>__rf_af)\" value=\"(?<value>[^\"]+)\">")]
    private static partial Regex Antiforgery();
}
