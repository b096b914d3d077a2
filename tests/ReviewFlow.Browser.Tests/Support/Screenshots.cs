using Microsoft.Playwright;
using ReviewFlow.Testing;

namespace ReviewFlow.Browser.Tests.Support;

/// <summary>Full-page screenshots for the README, written to docs/screenshots/{name}.png in the repository.</summary>
public static class Screenshots
{
    public static string Folder { get; } = RepositoryPaths.Under("docs", "screenshots");

    public static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);

        // The field just typed in keeps its focus ring; the picture is of the page, not of where the test stopped.
        var focused = page.Locator(":focus");
        if (await focused.CountAsync() > 0)
        {
            await focused.First.BlurAsync();
        }

        // Animations off and the caret hidden, so the same page gives the same picture run after run.
        await page.ScreenshotAsync(new()
        {
            Path = Path.Combine(Folder, name + ".png"),
            FullPage = true,
            Animations = ScreenshotAnimations.Disabled,
            Caret = ScreenshotCaret.Hide,
        });
    }
}
