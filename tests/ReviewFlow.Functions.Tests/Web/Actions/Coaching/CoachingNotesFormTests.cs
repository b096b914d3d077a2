using System.Net;
using ReviewFlow.Functions.Tests.Web.Support;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Links;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Actions.Coaching;

/// <summary>The manager's coaching-notes page against the running service: before and after the conversation.</summary>
public sealed class CoachingNotesFormTests(AfterCoachingFixture fixture) : IClassFixture<AfterCoachingFixture>
{
    private const string Manager = "mark@example.test";

    private static readonly (string Name, string Value)[] ValidNotes =
        [("diagnosis", "skill"), ("action.1", "Shadow Sam on two discovery calls."), ("action.2", ""), ("action.3", "Role-play the pricing objection before Friday.")];

    private static readonly Dictionary<string, ((string Name, string Value)[] Fields, string Expected)> HostileCases = new()
    {
        ["no diagnosis"] = ([.. ValidNotes.Where(f => f.Name != "diagnosis")], "diagnosis: please choose what is mainly behind the gap"),
        ["diagnosis as flags"] = (With("diagnosis", "Skill, Motivation"), "diagnosis: 'Skill, Motivation' is not one of skill, motivation, external or personal"),
        ["diagnosis as a number"] = (With("diagnosis", "1"), "diagnosis: '1' is not one of"),
        ["no actions"] = ([("diagnosis", "skill"), ("action.1", " "), ("action.2", "")], "Action 1: please note at least one action"),
        ["action too long"] = (With("action.3", new string('a', 301)), "Action 3: at most 300 characters, please (301 now)"),
        ["a sixth action"] = ([.. ValidNotes, ("action.6", "one too many")], "('action.6')"),
        ["action zero"] = ([.. ValidNotes, ("action.0", "x")], "('action.0')"),
        ["unknown field"] = ([.. ValidNotes, ("followUp", "weekly calls")], "('followUp')"),
        ["diagnosis sent twice"] = ([.. ValidNotes, ("diagnosis", "personal")], "diagnosis: sent more than once"),
        ["script in an action of refused notes"] = (With("diagnosis", "", ("action.2", "<script>alert(1)</script>")), "diagnosis: please choose"),
    };

    private RunningService Service => fixture.Service;

    [Fact]
    public async Task Get_BeforeTheConversation_SaysWhenAndAsksForNothingYet()
    {
        var link = await LinkAsync(fixture.Later);
        using var client = Service.NewClient();

        var page = await PageSession.OpenAsync(client, link);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var text = WebUtility.HtmlDecode(page.Html);
        Assert.Contains("The notes are for afterwards", text);
        Assert.Contains(fixture.LaterMeeting.Start.ToString("ddd d MMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture), text); // London is on UTC in January
        Assert.DoesNotContain("name=\"diagnosis\"", page.Html);
        Assert.DoesNotContain("<button", page.Html);
    }

    [Fact]
    public async Task Post_BeforeTheConversation_Refused400AndNothingStored()
    {
        var link = await LinkAsync(fixture.Later);
        using var client = Service.NewClient();
        var page = await PageSession.OpenAsync(client, link);

        var (status, html) = await page.PostAsync(ValidNotes);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("The notes are for afterwards, so this page takes them from", WebUtility.HtmlDecode(html));
        await CyclePaths.AssertNothingStoredAsync(Service, fixture.Later, link, "CoachingPlanRecorded");
    }

    [Fact]
    public async Task Get_AfterTheConversation_ShowsTheDiagnosisChoicesAndActionFields()
    {
        using var client = Service.NewClient();

        var page = await PageSession.OpenAsync(client, await LinkAsync(fixture.Hostile));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var text = WebUtility.HtmlDecode(page.Html);
        Assert.Contains("Why coaching opened:", text);
        foreach (var value in new[] { "skill", "motivation", "external", "personal" })
        {
            Assert.Contains($"<input type=\"radio\" id=\"d-{value}\" name=\"diagnosis\" value=\"{value}\" aria-describedby=\"d-{value}-hint\">", page.Html);
            Assert.Contains($"<label for=\"d-{value}\">", page.Html);
            Assert.Contains($"<p class=\"hint\" id=\"d-{value}-hint\">", page.Html);
        }

        for (var i = 1; i <= 5; i++)
        {
            Assert.Contains($"<input type=\"text\" id=\"action-{i}\" name=\"action.{i}\" maxlength=\"300\" value=\"\" aria-describedby=\"actions-hint\">", page.Html);
        }

        Assert.Contains("Diagnose before prescribing", text);
    }

    [Fact]
    public async Task Post_ValidNotes_RecordsTheDiagnosisAndTheAgreedActions()
    {
        var link = await LinkAsync(fixture.Valid);
        using var client = Service.NewClient();
        var page = await PageSession.OpenAsync(client, link);

        var (refusedStatus, refused) = await page.PostAsync(With("diagnosis", "", ("action.2", "<script>alert(1)</script>")));
        Assert.Equal(HttpStatusCode.BadRequest, refusedStatus);
        Assert.Contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"", refused);
        Assert.Contains("value=\"Shadow Sam on two discovery calls.\"", refused);
        Assert.DoesNotContain("<script", refused, StringComparison.OrdinalIgnoreCase);

        var (status, thanks) = await page.PostAsync(ValidNotes);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("You recorded the diagnosis (skill) and 2 agreed actions.", thanks);
        var plan = await CyclePaths.EntryAsync(Service, fixture.Valid, "CoachingPlanRecorded");
        Assert.Equal("skill", CyclePaths.Text(plan, "diagnosis"));
        Assert.Equal(["Shadow Sam on two discovery calls.", "Role-play the pricing objection before Friday."], plan.Data["actions"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.DoesNotContain("AnswerRejected", (await CyclePaths.JournalAsync(Service, fixture.Valid)).Select(e => e.Type));
    }

    [Fact]
    public async Task Post_Twice_SecondShowsAlreadyDoneAndTheStepThenCloses()
    {
        var link = await LinkAsync(fixture.Twice);
        using var client = Service.NewClient();
        var page = await PageSession.OpenAsync(client, link);

        var (first, _) = await page.PostAsync(("diagnosis", "external"), ("action.1", "Ask for the two paused accounts to be swapped."));
        var (second, again) = await page.PostAsync(("diagnosis", "motivation"), ("action.1", "Something else."));

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.Contains("Already done", again);
        var plan = await CyclePaths.EntryAsync(Service, fixture.Twice, "CoachingPlanRecorded");
        Assert.Equal("external", CyclePaths.Text(plan, "diagnosis"));
        var closed = await PageSession.OpenAsync(client, CyclePaths.FreshLink(Service, fixture.Twice, ActionNames.CoachingNotes, "mark"));
        Assert.Equal(HttpStatusCode.OK, closed.Status);
        Assert.Contains("are recorded", closed.Html);
        Assert.DoesNotContain("<form", closed.Html);
    }

    [Theory]
    [InlineData("no diagnosis")]
    [InlineData("diagnosis as flags")]
    [InlineData("diagnosis as a number")]
    [InlineData("no actions")]
    [InlineData("action too long")]
    [InlineData("a sixth action")]
    [InlineData("action zero")]
    [InlineData("unknown field")]
    [InlineData("diagnosis sent twice")]
    [InlineData("script in an action of refused notes")]
    public async Task Post_HostileInput_Refused400NamingTheFieldAndNothingStored(string name)
    {
        var (fields, expected) = HostileCases[name];
        var link = CyclePaths.FreshLink(Service, fixture.Hostile, ActionNames.CoachingNotes, "mark");
        using var client = Service.NewClient();
        var page = await PageSession.OpenAsync(client, link);

        var (status, html) = await page.PostAsync(fields);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, WebUtility.HtmlDecode(html));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        await CyclePaths.AssertNothingStoredAsync(Service, fixture.Hostile, link, "CoachingPlanRecorded");
    }

    private static (string Name, string Value)[] With(string name, string value, params (string Name, string Value)[] more) =>
        [.. ValidNotes.Where(f => more.All(m => m.Name != f.Name)).Select(f => f.Name == name ? (name, value) : f), .. more];

    /// <summary>The notes link from the manager's coaching-prompts email for the seller.</summary>
    private async Task<string> LinkAsync(string sellerId) =>
        (await CyclePaths.LinksAsync(Service, sellerId, EmailTemplates.CoachingPrompts, Manager)).Single();
}
