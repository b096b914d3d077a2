using Microsoft.Playwright;
using Xunit;

namespace ReviewFlow.Browser.Tests.Support;

/// <summary>
/// Playwright driving Debian's chromium package, one browser for the whole browser collection. Playwright's own
/// browser builds are never downloaded (this machine and CI cannot fetch them); the package's bundled driver is
/// enough once it is told where chromium is.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>How long a locator or an expectation waits, in milliseconds.</summary>
    private const float Patience = 30_000;

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The chromium fixture is not initialized.");

    public async Task InitializeAsync()
    {
        // Fail loudly: a browser suite that skips itself on a machine without chromium would pass having tested nothing.
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Debian's chromium is not installed ({ExecutablePath} is missing). Install it with " +
                "`apt-get install -y --no-install-recommends chromium` (bash .ci/run does this), then run the browser tests again.");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");

        // Pages answer in milliseconds; the margin is for a cycle reaching its next step on a loaded 2-core machine.
        Assertions.SetDefaultExpectTimeout(Patience);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,

            // Root in CI needs --no-sandbox; the rest stop chromium calling out to Google's services, which this
            // machine's closed network refuses (slowly, and many at a time).
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh desktop browser window, with its own cookies.</summary>
    public Task<IPage> NewDesktopPageAsync() => NewPageAsync(new() { ViewportSize = Desktop });

    /// <summary>A fresh phone-sized window, for the pages sellers mostly open from their phone's mail app.</summary>
    public Task<IPage> NewPhonePageAsync() => NewPageAsync(new() { ViewportSize = Phone, IsMobile = true, HasTouch = true });

    private async Task<IPage> NewPageAsync(BrowserNewContextOptions options)
    {
        options.Locale = "en-GB";
        options.TimezoneId = "Europe/London";
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(Patience);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>Every browser test class shares one chromium (starting it is the slow part) and runs one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "browser";
}
