using System.Text.Json.Nodes;

using ReviewFlow.Integrations.Email;

using Xunit;

namespace ReviewFlow.Integrations.Tests.Email;

public sealed class TemplateRendererTests
{
    private const string Script = "<script>alert(1)</script>";

    // One renderer for the class: compiling and validating every template per test would only slow the suite.
    private static readonly TemplateRenderer Renderer = new();

    public static TheoryData<string> Templates() => [.. EmailTemplates.All];

    [Theory]
    [MemberData(nameof(Templates))]
    public void Render_SampleModel_ProducesSubjectTextAndHtml(string template)
    {
        var rendered = Renderer.Render(template, TemplateModels.Sample(template));

        Assert.False(string.IsNullOrWhiteSpace(rendered.Subject));
        Assert.DoesNotContain('\n', rendered.Subject);
        Assert.Contains("Hi ", rendered.Text, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("Priya", rendered.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", rendered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", rendered.Html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Render_ScriptInFreeTextField_IsEncodedInHtmlAndKeptInText(string template)
    {
        var model = TemplateModels.Sample(template);
        model["sellerName"] = Script;

        var rendered = Renderer.Render(template, model);

        Assert.Contains("&lt;script&gt;", rendered.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", rendered.Html, StringComparison.OrdinalIgnoreCase);
        // Plain text must not be HTML-encoded, or readers would see "&lt;" in their mail.
        Assert.DoesNotContain("&lt;", rendered.Text + rendered.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_CounterProposalReasonWithScript_IsEncodedInHtml()
    {
        var model = TemplateModels.Sample(EmailTemplates.CounterProposal);
        model["reason"] = Script;

        var rendered = Renderer.Render(EmailTemplates.CounterProposal, model);

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", rendered.Html, StringComparison.Ordinal);
        Assert.Contains(Script, rendered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MissingTopLevelVariable_ThrowsNamingTemplateAndVariable()
    {
        var model = TemplateModels.Sample(EmailTemplates.CheckInRequest);
        model.Remove("link");

        var error = Assert.Throws<InvalidOperationException>(() => Renderer.Render(EmailTemplates.CheckInRequest, model));

        Assert.Contains("checkin-request", error.Message, StringComparison.Ordinal);
        Assert.Contains("link", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MissingVariableInsideList_Throws()
    {
        var model = TemplateModels.Sample(EmailTemplates.DefineRequest);
        ((JsonObject)model["targets"]![1]!).Remove("why");

        var error = Assert.Throws<InvalidOperationException>(() => Renderer.Render(EmailTemplates.DefineRequest, model));

        Assert.Contains("define-request", error.Message, StringComparison.Ordinal);
        Assert.Contains("why", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MissingList_Throws()
    {
        var model = TemplateModels.Sample(EmailTemplates.ReviewAgenda);
        model.Remove("coachingActions");

        var error = Assert.Throws<InvalidOperationException>(() => Renderer.Render(EmailTemplates.ReviewAgenda, model));

        Assert.Contains("coachingActions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NullValue_ThrowsNamingThePath()
    {
        var model = TemplateModels.Sample(EmailTemplates.Escalation);
        model["about"] = null;

        var error = Assert.Throws<InvalidOperationException>(() => Renderer.Render(EmailTemplates.Escalation, model));

        Assert.Contains("escalation", error.Message, StringComparison.Ordinal);
        Assert.Contains("'about'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnknownTemplate_ThrowsArgumentExceptionNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => Renderer.Render("no-such-template", []));

        Assert.Contains("no-such-template", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ReviewAgendaWithEmptyAnswers_SaysNotFilledIn()
    {
        var model = TemplateModels.Sample(EmailTemplates.ReviewAgenda);
        model["working"] = "";
        model["notWorking"] = "";
        model["supportNeeded"] = "";
        model["coachingActions"] = new JsonArray();

        var rendered = Renderer.Render(EmailTemplates.ReviewAgenda, model);

        Assert.Equal(3, CountOf(rendered.Text, "Not filled in"));
        Assert.Equal(3, CountOf(rendered.Html, "Not filled in"));
        Assert.DoesNotContain("Development actions", rendered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ReviewAgendaWithAnswers_ShowsThemAndTheActions()
    {
        var rendered = Renderer.Render(EmailTemplates.ReviewAgenda, TemplateModels.Sample(EmailTemplates.ReviewAgenda));

        Assert.Contains("Follow-ups within a day are converting well.", rendered.Text, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(rendered.Text, "Not filled in"));
        Assert.Contains("- Practise discovery questions before first calls", rendered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ListAndNumber_RenderEveryItemAndTheNumber()
    {
        var model = TemplateModels.Sample(EmailTemplates.AgreementProposal);
        model["round"] = 2;

        var rendered = Renderer.Render(EmailTemplates.AgreementProposal, model);

        Assert.Contains("(round 2)", rendered.Text, StringComparison.Ordinal);
        Assert.Contains("- Revenue: 90,000 GBP (it is the outcome the team plan rests on)", rendered.Text, StringComparison.Ordinal);
        Assert.Contains("- Proposal turnaround: 3 days", rendered.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"https://reviewflow.example.test/a/accept?token=sample\"", rendered.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SubjectWithAmpersand_IsNotEncoded()
    {
        var model = TemplateModels.Sample(EmailTemplates.CounterProposal);
        model["sellerName"] = "Priya & Sam";

        var rendered = Renderer.Render(EmailTemplates.CounterProposal, model);

        Assert.StartsWith("Priya & Sam suggests", rendered.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ReviewRebookedSample_GivesOldAndNewTimeWithoutBlame()
    {
        var rendered = Renderer.Render(EmailTemplates.ReviewRebooked, TemplateModels.Sample(EmailTemplates.ReviewRebooked));

        Assert.Equal("New time for Priya's week 3 review: Thu 21 Jan 2027, 14:30 (Europe/London)", rendered.Subject);
        Assert.Contains(
            "The week 3 review between Priya and Mark has a new time: Thu 21 Jan 2027, 14:30 (Europe/London). It was Tue 19 Jan 2027, 10:00 (Europe/London).",
            rendered.Text,
            StringComparison.Ordinal);
        Assert.Contains("because the first time did not suit", rendered.Text, StringComparison.Ordinal);
        Assert.Contains("<strong>Thu 21 Jan 2027, 14:30 (Europe/London)</strong>", rendered.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("declin", rendered.Text + rendered.Html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Sample_ReviewRebooked_HasExactlyTheDocumentedFields()
    {
        var model = TemplateModels.Sample(EmailTemplates.ReviewRebooked);

        Assert.Equal(
            ["managerName", "newStart", "oldStart", "quarter", "recipientName", "sellerName", "week"],
            model.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(3, model["week"]!.GetValue<int>());
    }

    [Fact]
    public void All_EveryTemplate_IsListedOnceAndHasASample()
    {
        Assert.Equal(15, EmailTemplates.All.Count);
        Assert.Equal(EmailTemplates.All.Count, EmailTemplates.All.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(EmailTemplates.ReviewRebooked, EmailTemplates.All);
        Assert.All(EmailTemplates.All, name => Assert.NotEmpty(TemplateModels.Sample(name)));
    }

    [Fact]
    public void Sample_UnknownTemplate_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => TemplateModels.Sample("nope"));
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
