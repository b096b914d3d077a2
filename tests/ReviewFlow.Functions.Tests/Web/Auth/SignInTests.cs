using System.Net;
using System.Text.RegularExpressions;
using ReviewFlow.Functions.Tests.Web.Api;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Auth;

/// <summary>The browser sign-in of standalone mode: the key form, the cookie, sign-out, and the redirects around them.</summary>
public sealed partial class SignInTests : IAsyncLifetime
{
    private ApiService _service = null!;

    public async Task InitializeAsync() => _service = await ApiService.StartAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string key, string? returnUrl = null, bool withToken = true)
    {
        var page = await browser.GetStringAsync("/signin" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        var fields = new List<KeyValuePair<string, string>> { new("key", key) };
        if (withToken)
        {
            fields.Add(new("__rf_af", WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value)));
        }

        var back = ReturnField().Match(page);
        if (back.Success)
        {
            fields.Add(new("returnUrl", WebUtility.HtmlDecode(back.Groups[1].Value)));
        }

        return await browser.PostAsync("/signin", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task Get_SignIn_ShowsAKeyFormWithAntiForgery()
    {
        using var browser = _service.Browser();

        using var response = await browser.GetAsync("/signin");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(Token(), html);
        Assert.Contains("type=\"password\" id=\"key\" name=\"key\"", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"key\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ValidKey_SetsAStrictHttpOnlyCookieAndRedirectsToTheDashboard()
    {
        using var browser = _service.Browser();

        using var response = await SignInAsync(browser, ApiService.MarkKey);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("rf-auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ApiService.MarkKey, cookie, StringComparison.Ordinal);
        Assert.Equal("viewer: Mark Whitaker", await browser.GetStringAsync(ApiService.ProbePage));
    }

    [Fact]
    public async Task Post_ValidKey_CookieAlsoAuthenticatesTheApi()
    {
        using var browser = _service.Browser();
        await SignInAsync(browser, ApiService.RevOpsKey);

        using var response = await browser.GetAsync("/api/instances/failed");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_WrongKey_Is401WithTheFormAgainAndNoCookie()
    {
        using var browser = _service.Browser();

        using var response = await SignInAsync(browser, "wrong-key-0123456789-abcdefghijklmnopqrs");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("That key is not valid", html, StringComparison.Ordinal);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("rf-auth=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(ApiService.ProbePage)).StatusCode);
    }

    [Fact]
    public async Task Post_WithoutAntiForgeryToken_Is400AndSignsNobodyIn()
    {
        using var browser = _service.Browser();

        using var response = await SignInAsync(browser, ApiService.RevOpsKey, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(ApiService.ProbePage)).StatusCode);
    }

    [Fact]
    public async Task Get_PageAnonymously_RedirectsToSignInWithTheReturnPath()
    {
        using var browser = _service.Browser();

        using var response = await browser.GetAsync(ApiService.ProbePage + "?x=1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?returnUrl=%2Fprobe%2Fviewer%3Fx%3D1", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Post_LocalReturnUrl_RedirectsBackThere()
    {
        using var browser = _service.Browser();

        using var response = await SignInAsync(browser, ApiService.MarkKey, ApiService.ProbePage + "?x=1");

        Assert.Equal(ApiService.ProbePage + "?x=1", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("javascript:alert(1)")]
    public async Task Post_ForeignReturnUrl_RedirectsToTheDashboardInstead(string returnUrl)
    {
        using var browser = _service.Browser();

        using var response = await SignInAsync(browser, ApiService.MarkKey, returnUrl);

        Assert.Equal("/dashboard", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Get_ManagerOnRevOpsPage_Is403Page()
    {
        using var browser = _service.Browser();
        await SignInAsync(browser, ApiService.MarkKey);

        using var response = await browser.GetAsync("/probe/revops");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Not allowed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_SignOut_EndsTheSession()
    {
        using var browser = _service.Browser();
        await SignInAsync(browser, ApiService.MarkKey);
        var page = await browser.GetStringAsync("/signin");

        using var response = await browser.PostAsync("/signout", new FormUrlEncodedContent([new("__rf_af", WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value))]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(ApiService.ProbePage)).StatusCode);
    }

    [Fact]
    public async Task Post_SignOutWithoutAntiForgeryToken_KeepsTheSession()
    {
        using var browser = _service.Browser();
        await SignInAsync(browser, ApiService.MarkKey);

        using var response = await browser.PostAsync("/signout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(ApiService.ProbePage)).StatusCode);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"__rf_af\" value=\"([^\"]+)\">")]
    private static partial Regex Token();

    [GeneratedRegex("<input type=\"hidden\" name=\"returnUrl\" value=\"([^\"]*)\">")]
    private static partial Regex ReturnField();
}
