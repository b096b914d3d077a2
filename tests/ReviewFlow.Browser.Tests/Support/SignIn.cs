using Microsoft.Playwright;
using ReviewFlow.Functions.Tests.Web.Support;
using static Microsoft.Playwright.Assertions;

namespace ReviewFlow.Browser.Tests.Support;

/// <summary>The standalone sign-in: a key per person, typed into /signin.</summary>
public static class SignIn
{
    public const string MarkKey = "browser-mark-0123456789-abcdefghijklmnopq";
    public const string RevOpsKey = "browser-revops-0123456789-abcdefghijklmno";

    /// <summary>Settings for <see cref="RunningService.StartAsync"/>: Mark (his team) and RevOps (every team) can sign in.</summary>
    public static IReadOnlyDictionary<string, string?> Keys { get; } = new Dictionary<string, string?>
    {
        ["Auth:ApiKeys:0:Key"] = MarkKey,
        ["Auth:ApiKeys:0:Name"] = "Mark Whitaker",
        ["Auth:ApiKeys:0:Role"] = "manager",
        ["Auth:ApiKeys:0:ManagerId"] = "mark",
        ["Auth:ApiKeys:1:Key"] = RevOpsKey,
        ["Auth:ApiKeys:1:Name"] = "Rita RevOps",
        ["Auth:ApiKeys:1:Role"] = "revops",
    };

    /// <summary>Signs in on /signin with <paramref name="key"/> and waits until the browser is on <paramref name="returnPath"/>.</summary>
    public static async Task AsAsync(IPage page, RunningService service, string key, string returnPath)
    {
        await page.GotoAsync(service.Url("/signin?returnUrl=" + Uri.EscapeDataString(returnPath)));
        await page.GetByLabel("Your ReviewFlow key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(service.Url(returnPath));
    }
}
