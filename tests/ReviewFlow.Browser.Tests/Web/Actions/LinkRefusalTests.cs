using Microsoft.Playwright;
using ReviewFlow.Browser.Tests.Support;
using ReviewFlow.Functions.Tests.Web.Support;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ReviewFlow.Browser.Tests.Web.Actions;

/// <summary>What a person sees when a link from an email can no longer be used: a plain explanation, never a form.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LinkRefusalTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await RunningService.StartAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task ExpiredLink_OpenedInTheBrowser_ExplainsAndShowsNoForm()
    {
        await CyclePaths.StartAsync(_service, "liv");
        await CyclePaths.DefineAsync(_service, "liv");
        var (accept, _) = await _service.ProposalLinksAsync("liv");
        var grant = _service.Signer.Check(accept["/act/".Length..]).Grant!;
        var expired = _service.Token(grant with { ExpiresUtc = _service.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1) });
        var page = await chromium.NewDesktopPageAsync();

        var response = await page.GotoAsync(_service.Url("/act/" + expired));

        Assert.Equal(410, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This link has expired" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "link-expired");
    }
}
