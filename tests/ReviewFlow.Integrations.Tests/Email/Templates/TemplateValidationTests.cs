using System.Text.Json.Nodes;

using ReviewFlow.Integrations.Email;

using Xunit;

namespace ReviewFlow.Integrations.Tests.Email.Templates;

/// <summary>A broken template stops the renderer from being built, with every problem named in one error.</summary>
public sealed class TemplateValidationTests : IDisposable
{
    private readonly OverrideFolder _folder = new();

    [Fact]
    public void Constructor_OverrideWithUnknownVariable_ThrowsNamingTemplatePartFileAndVariable()
    {
        _folder.With("checkin-request.html.hbs", "<p>Hi {{recipientName}}, from {{sellerNmae}}</p>");

        string error = _folder.Error();

        Assert.Contains(
            $"Template 'checkin-request' (html, override {_folder.PathOf("checkin-request.html.hbs")}) uses 'sellerNmae', which the model does not have.",
            error,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_OverrideWithUnclosedIf_ThrowsNamingTheTemplateAndPart()
    {
        _folder.With("review-agenda.text.hbs", "Hi {{recipientName}},\n{{#if working}\n{{working}}\n");

        string error = _folder.Error();

        Assert.Contains(
            $"Template 'review-agenda' (text, override {_folder.PathOf("review-agenda.text.hbs")}) has a Handlebars syntax error",
            error,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_OverrideWithBlockNeverClosed_ThrowsNamingTheBlock()
    {
        _folder.With("recognition.subject.hbs", "{{#if reviews}}Well done, {{sellerName}}");

        string error = _folder.Error();

        Assert.Contains("Template 'recognition' (subject, override", error, StringComparison.Ordinal);
        Assert.Contains("'if' was closed", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_SeveralBrokenOverrides_OneErrorListsEveryProblem()
    {
        _folder
            .With("checkin-request.html.hbs", "<p>{{sellerNmae}}</p>")
            .With("reminder.text.hbs", "{{#if link}")
            .With("escalation.subject.hbs", "Waiting: {{abut}}")
            .With("recognitoin.html.hbs", "<p>{{reviews}}</p>");

        string[] lines = _folder.Error().Split(Environment.NewLine);

        Assert.Equal("The email templates are not valid (4 problem(s)):", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.Contains(lines, l => l.Contains("'checkin-request' (html", StringComparison.Ordinal) && l.Contains("'sellerNmae'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("'reminder' (text", StringComparison.Ordinal) && l.Contains("syntax error", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("'escalation' (subject", StringComparison.Ordinal) && l.Contains("'abut'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("recognitoin.html.hbs", StringComparison.Ordinal) && l.Contains("did you mean 'recognition.html.hbs'?", StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_TypoInBranchTheSampleSkips_IsStillFound()
    {
        // The sample's notWorking is empty, so the sample alone never renders this branch.
        _folder.With("review-agenda.text.hbs", "Hi {{recipientName}}\n{{#if notWorking}}{{notWorkng}}{{else}}Not filled in{{/if}}");

        string error = _folder.Error();

        Assert.Contains("uses 'notWorkng', which the model does not have (reached when the sample's empty values are filled in).", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_TypoInElseBranch_IsFoundWithEveryValueEmpty()
    {
        _folder.With("coaching-prompts.text.hbs", "{{#if reflection}}{{reflection}}{{else}}{{sellerNam}} has not replied{{/if}}");

        string error = _folder.Error();

        Assert.Contains("uses 'sellerNam', which the model does not have (reached when every value is empty).", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_TypoInEmptyListBranch_IsFoundWithEveryListEmpty()
    {
        _folder.With("coaching-closed.text.hbs", "{{#each actions}}- {{this}}\n{{else}}No actions for {{sellerNme}}.{{/each}}");

        string error = _folder.Error();

        Assert.Contains("uses 'sellerNme', which the model does not have (reached when every list is empty).", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_TripleStashInHtmlOverride_IsRefused()
    {
        _folder.With("counter-proposal.html.hbs", "<p>{{{reason}}}</p>");

        string error = _folder.Error();

        Assert.Contains(
            $"Template 'counter-proposal' (html, override {_folder.PathOf("counter-proposal.html.hbs")}) uses {{{{{{…}}}}}}, which would put model values into the HTML unencoded",
            error,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_AmpersandUnescapeInHtmlOverride_IsRefused()
    {
        // Handlebars.js would output {{& reason}} unencoded; Handlebars.Net does not know it, so it is refused either way.
        _folder.With("counter-proposal.html.hbs", "<p>{{& reason}}</p>");

        string error = _folder.Error();

        Assert.Contains("Template 'counter-proposal' (html, override", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_TripleStashInTextOverride_IsAllowed()
    {
        // Plain text is never encoded, so {{{ }}} there changes nothing and is not a risk.
        _folder.With("counter-proposal.text.hbs", "{{{reason}}}");

        var rendered = _folder.Renderer().Render(EmailTemplates.CounterProposal, TemplateModels.Sample(EmailTemplates.CounterProposal));

        Assert.Equal("Two of my accounts moved to the key accounts team.", rendered.Text);
    }

    [Fact]
    public void Render_OverrideMissingAValueOnlyARealModelLacks_ErrorNamesTheOverrideFile()
    {
        _folder.With("escalation.text.hbs", "{{about}} since {{waitingSince}}");
        var model = TemplateModels.Sample(EmailTemplates.Escalation);
        model.Remove("waitingSince");

        var error = Assert.Throws<InvalidOperationException>(() => _folder.Renderer().Render(EmailTemplates.Escalation, model));

        Assert.Equal(
            $"Template 'escalation' (text, override {_folder.PathOf("escalation.text.hbs")}) uses 'waitingSince', which the model does not have.",
            error.Message);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Sample_EveryList_HasAnItem(string template)
    {
        // Validation only reaches inside a list through the sample's items; an empty sample list would hide typos there.
        Assert.All(Lists(TemplateModels.Sample(template)), list => Assert.NotEmpty(list));
    }

    public static TheoryData<string> Templates() => [.. EmailTemplates.All];

    public void Dispose() => _folder.Dispose();

    private static IEnumerable<JsonArray> Lists(JsonNode? node) => node switch
    {
        JsonArray list => [list, .. list.SelectMany(Lists)],
        JsonObject obj => obj.SelectMany(p => Lists(p.Value)),
        _ => [],
    };
}
