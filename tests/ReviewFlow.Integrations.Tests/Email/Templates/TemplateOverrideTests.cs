using ReviewFlow.Integrations.Email;

using Xunit;

namespace ReviewFlow.Integrations.Tests.Email.Templates;

/// <summary>An organisation's override folder replaces exactly the parts it holds, and a misnamed file is never ignored.</summary>
public sealed class TemplateOverrideTests : IDisposable
{
    private const string Template = EmailTemplates.CheckInRequest;

    private static readonly TemplateRenderer Embedded = new();

    private readonly OverrideFolder _folder = new();

    [Fact]
    public void Render_TextOverride_ReplacesOnlyTheTextPart()
    {
        _folder.With("checkin-request.text.hbs", "Hello {{recipientName}}, our own words: {{link}}");
        var model = TemplateModels.Sample(Template);

        var overridden = _folder.Renderer().Render(Template, model);
        var original = Embedded.Render(Template, model);

        Assert.Equal("Hello Priya, our own words: https://reviewflow.example.test/a/checkin?token=sample", overridden.Text);
        Assert.Equal(original.Subject, overridden.Subject);
        Assert.Equal(original.Html, overridden.Html);
    }

    [Fact]
    public void OverrideFiles_TwoOverrides_ListsBothFullPaths()
    {
        _folder.With("reminder.subject.hbs", "Reminder: {{about}}").With("checkin-request.html.hbs", "<p>{{link}}</p>");

        var renderer = _folder.Renderer();

        Assert.Equal([_folder.PathOf("checkin-request.html.hbs"), _folder.PathOf("reminder.subject.hbs")], renderer.OverrideFiles);
        Assert.Equal("Reminder: your check-in for weeks 3–4", renderer.Render(EmailTemplates.Reminder, TemplateModels.Sample(EmailTemplates.Reminder)).Subject);
    }

    [Fact]
    public void Render_NoOverridesDirectory_UsesNoOverrides()
    {
        var renderer = new TemplateRenderer(new TemplateOptions { OverridesDirectory = " " });

        Assert.Empty(renderer.OverrideFiles);
        Assert.Equal(Embedded.Render(Template, TemplateModels.Sample(Template)), renderer.Render(Template, TemplateModels.Sample(Template)));
    }

    [Fact]
    public void Constructor_MisspeltOverrideFileName_ThrowsNamingTheFileAndTheLikelyName()
    {
        _folder.With("chekin-request.html.hbs", "<p>{{link}}</p>");

        string error = _folder.Error();

        Assert.Contains($"'{_folder.PathOf("chekin-request.html.hbs")}'", error, StringComparison.Ordinal);
        Assert.Contains("did you mean 'checkin-request.html.hbs'?", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("checkin-request.body.hbs")]
    [InlineData("checkin-request.html")]
    [InlineData("welcome.html.hbs")]
    public void Constructor_OverrideFileMatchingNoPart_ThrowsNamingTheFile(string fileName)
    {
        _folder.With(fileName, "{{link}}");

        string error = _folder.Error();

        Assert.Contains($"Override file '{_folder.PathOf(fileName)}' does not match any template part", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_FilesThatAreNotTemplates_AreLeftAlone()
    {
        _folder.With("README.md", "Our wording, reviewed by RevOps.").With(".gitkeep", "");

        var renderer = _folder.Renderer();

        Assert.Empty(renderer.OverrideFiles);
    }

    [Fact]
    public void Constructor_MissingOverridesFolder_ThrowsNamingTheSetting()
    {
        string missing = Path.Combine(_folder.Path, "not-there");

        var error = Assert.Throws<InvalidOperationException>(() => new TemplateRenderer(new TemplateOptions { OverridesDirectory = missing }));

        Assert.StartsWith("Templates:OverridesDirectory is", error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HtmlAndTextOverrides_EncodeInHtmlOnly()
    {
        _folder
            .With("counter-proposal.html.hbs", "<p>{{sellerName}} says: {{reason}}</p>")
            .With("counter-proposal.text.hbs", "{{sellerName}} says: {{reason}}");
        var model = TemplateModels.Sample(EmailTemplates.CounterProposal);
        model["reason"] = "<script>alert(1)</script>";

        var rendered = _folder.Renderer().Render(EmailTemplates.CounterProposal, model);

        Assert.Equal("<p>Priya says: &lt;script&gt;alert(1)&lt;/script&gt;</p>", rendered.Html);
        Assert.Equal("Priya says: <script>alert(1)</script>", rendered.Text);
    }

    public void Dispose() => _folder.Dispose();
}
