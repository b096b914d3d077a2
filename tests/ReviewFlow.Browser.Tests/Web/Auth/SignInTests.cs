using Microsoft.Playwright;
using ReviewFlow.Browser.Tests.Support;
using ReviewFlow.Functions.Tests.Web.Support;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ReviewFlow.Browser.Tests.Web.Auth;

/// <summary>The local sign-in page in a real browser: a wrong key is refused in words, a right one lands where the person was going.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await RunningService.StartAsync(SignIn.Keys);

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task SignIn_WrongThenRightKey_RefusesThenSignsIn()
    {
        var page = await chromium.NewDesktopPageAsync();
        await page.GotoAsync(_service.Url("/signin"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "signin");

        await page.GetByLabel("Your ReviewFlow key").FillAsync("not-a-key-of-anyone-0123456789-abcdefgh");
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(), r => r.Url.EndsWith("/signin", StringComparison.Ordinal));
        Assert.Equal(401, refused.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That key is not valid");

        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "rf-auth");

        await SignIn.AsAsync(page, _service, SignIn.MarkKey, "/dashboard");
        await Expect(page.GetByText("Signed in as Mark Whitaker")).ToBeVisibleAsync();

        // The session cookie is out of reach of page script.
        Assert.Contains(await page.Context.CookiesAsync(), c => c.Name == "rf-auth" && c.HttpOnly);
    }
}
