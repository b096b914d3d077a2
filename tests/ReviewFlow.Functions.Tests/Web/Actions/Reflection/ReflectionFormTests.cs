using System.Net;
using ReviewFlow.Domain.Coaching;
using ReviewFlow.Functions.Tests.Web.Support;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Links;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Actions.Reflection;

/// <summary>The seller's reflection page against the running service, once coaching has opened.</summary>
public sealed class ReflectionFormTests(CoachingOpenFixture fixture) : IClassFixture<CoachingOpenFixture>
{
    /// <summary>The seller whose reflection page takes every hostile submission; nothing may ever reach the cycle.</summary>
    private const string Hostile = "rory";

    private static readonly Dictionary<string, ((string Name, string Value)[] Fields, string Expected)> HostileCases = new()
    {
        ["nothing answered"] = ([("answer.1", " "), ("answer.2", ""), ("answer.3", ""), ("answer.4", ""), ("answer.5", "")], "answers: please answer at least one question"),
        ["no fields at all"] = ([], "answers: please answer at least one question"),
        ["answer too long"] = ([("answer.2", new string('a', 1001))], "Question 2: please keep it under 1,000 characters (1,001 now)"),
        ["a sixth answer"] = ([("answer.1", "fine"), ("answer.6", "extra")], "('answer.6')"),
        ["answer zero"] = ([("answer.0", "fine")], "('answer.0')"),
        ["padded number"] = ([("answer.01", "fine")], "('answer.01')"),
        ["unknown field"] = ([("answer.1", "fine"), ("mood", "great")], "('mood')"),
        ["answer sent twice"] = ([("answer.1", "one"), ("answer.1", "two")], "answer.1: sent more than once"),
        ["script in a refused answer"] = ([("answer.1", "<script>alert(1)</script>"), ("answer.3", new string('a', 1200))], "Question 3: please keep it under 1,000 characters"),
    };

    private RunningService Service => fixture.Service;

    [Fact]
    public async Task Get_CoachingOpen_ShowsEveryQuestionWithALabelAndHint()
    {
        var link = await LinkAsync(Hostile);
        using var client = Service.NewClient();

        var page = await PageSession.OpenAsync(client, link);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var text = WebUtility.HtmlDecode(page.Html);
        Assert.Contains("Before your conversation with Mark Whitaker", text);
        Assert.Contains("There are no wrong answers", text);
        var questions = CoachingPlan.ReflectionQuestions;
        for (var i = 1; i <= questions.Count; i++)
        {
            Assert.Contains($"<label for=\"answer-{i}\">{questions[i - 1]}</label>", text);
            Assert.Contains($"<textarea id=\"answer-{i}\" name=\"answer.{i}\" maxlength=\"1000\" aria-describedby=\"answer-{i}-hint\">", page.Html);
        }

        Assert.Contains("<p class=\"hint\" id=\"answer-1-hint\">Question 1 of 5", page.Html);
    }

    [Fact]
    public async Task Post_ValidAnswers_SubmitsTheReflectionAndTheManagerGetsIt()
    {
        var link = await LinkAsync("rhea");
        using var client = Service.NewClient();
        var page = await PageSession.OpenAsync(client, link);

        var (refusedStatus, refused) = await page.PostAsync(("answer.1", "<script>alert(1)</script>"), ("answer.3", new string('a', 1200)));
        Assert.Equal(HttpStatusCode.BadRequest, refusedStatus);
        Assert.Contains("Question 3: please keep it under 1,000 characters (1,200 now)", WebUtility.HtmlDecode(refused));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;</textarea>", refused);
        Assert.DoesNotContain("<script", refused, StringComparison.OrdinalIgnoreCase);

        var (status, thanks) = await page.PostAsync(("answer.1", "Two big accounts paused their budgets."), ("answer.2", ""), ("answer.4", "Help with the renewal pitch."));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("You answered 2 of 5 questions.", thanks);
        await CyclePaths.EntryAsync(Service, "rhea", "ReflectionSubmitted");
        var (prompts, _) = await CyclePaths.EmailAsync(Service, "rhea", EmailTemplates.CoachingPrompts, "mark@example.test");
        Assert.Contains("Two big accounts paused their budgets.", prompts);
        Assert.Contains("Help with the renewal pitch.", prompts);
    }

    [Fact]
    public async Task Post_Twice_SecondShowsAlreadyDoneAndTheStepThenCloses()
    {
        var link = await LinkAsync("ruby");
        using var client = Service.NewClient();
        var page = await PageSession.OpenAsync(client, link);

        var (first, _) = await page.PostAsync(("answer.5", "Fewer internal meetings."));
        var (second, again) = await page.PostAsync(("answer.5", "Something else."));

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.Contains("Already done", again);
        await CyclePaths.EntryAsync(Service, "ruby", "ReflectionSubmitted");
        var closed = await PageSession.OpenAsync(client, CyclePaths.FreshLink(Service, "ruby", ActionNames.Reflection, "ruby"));
        Assert.Equal(HttpStatusCode.OK, closed.Status);
        Assert.Contains("Your thoughts are with Mark Whitaker", closed.Html);
        Assert.DoesNotContain("<form", closed.Html);
        var (prompts, _) = await CyclePaths.EmailAsync(Service, "ruby", EmailTemplates.CoachingPrompts, "mark@example.test");
        Assert.Contains("Fewer internal meetings.", prompts);
        Assert.DoesNotContain("Something else.", prompts);
    }

    [Theory]
    [InlineData("nothing answered")]
    [InlineData("no fields at all")]
    [InlineData("answer too long")]
    [InlineData("a sixth answer")]
    [InlineData("answer zero")]
    [InlineData("padded number")]
    [InlineData("unknown field")]
    [InlineData("answer sent twice")]
    [InlineData("script in a refused answer")]
    public async Task Post_HostileInput_Refused400NamingTheFieldAndNothingStored(string name)
    {
        var (fields, expected) = HostileCases[name];
        var link = CyclePaths.FreshLink(Service, Hostile, ActionNames.Reflection, Hostile);
        using var client = Service.NewClient();
        var page = await PageSession.OpenAsync(client, link);

        var (status, html) = await page.PostAsync(fields);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, WebUtility.HtmlDecode(html));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        await CyclePaths.AssertNothingStoredAsync(Service, Hostile, link, "ReflectionSubmitted");
    }

    private async Task<string> LinkAsync(string sellerId) =>
        (await CyclePaths.LinksAsync(Service, sellerId, EmailTemplates.ReflectionRequest, $"{sellerId}@example.test")).Single();
}
