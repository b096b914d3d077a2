using Microsoft.Playwright;
using ReviewFlow.Functions.Tests.Web.Support;
using static Microsoft.Playwright.Assertions;

namespace ReviewFlow.Browser.Tests.Support;

/// <summary>
/// The standalone sign-in: an API key per person, typed into /signin. The keys reach the service the way App Settings
/// do on Azure, as environment variables (Auth__ApiKeys__n__…), because <see cref="RunningService"/> sets no Auth keys
/// of its own and its settings are not ours to change.
/// </summary>
public static class SignIn
{
    public const string MarkKey = "browser-mark-0123456789-abcdefghijklmnopq";
    public const string RevOpsKey = "browser-revops-0123456789-abcdefghijklmno";

    /// <summary>Call before <see cref="RunningService.StartAsync"/>: Mark (his team) and RevOps (every team) can sign in.</summary>
    public static void ConfigureKeys()
    {
        Set(0, MarkKey, "Mark Whitaker", "manager", "mark");
        Set(1, RevOpsKey, "Rita RevOps", "revops", null);
    }

    /// <summary>Signs in on /signin with <paramref name="key"/> and waits until the browser is on <paramref name="returnPath"/>.</summary>
    public static async Task AsAsync(IPage page, RunningService service, string key, string returnPath)
    {
        await page.GotoAsync(service.Url("/signin?returnUrl=" + Uri.EscapeDataString(returnPath)));
        await page.GetByLabel("Your ReviewFlow key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(service.Url(returnPath));
    }

    private static void Set(int index, string key, string name, string role, string? managerId)
    {
        var prefix = $"Auth__ApiKeys__{index}__";
        Environment.SetEnvironmentVariable(prefix + "Key", key);
        Environment.SetEnvironmentVariable(prefix + "Name", name);
        Environment.SetEnvironmentVariable(prefix + "Role", role);
        Environment.SetEnvironmentVariable(prefix + "ManagerId", managerId);
    }
}
