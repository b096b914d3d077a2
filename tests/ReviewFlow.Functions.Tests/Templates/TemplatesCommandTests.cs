using System.Net;

using ReviewFlow.Integrations.Email;

using Xunit;

namespace ReviewFlow.Functions.Tests.Templates;

/// <summary><c>templates preview</c> writes a page per template and an index; <c>templates check</c> validates only.</summary>
public sealed class TemplatesCommandTests(PreviewFixture preview) : IClassFixture<PreviewFixture>, IDisposable
{
    private static readonly TemplateRenderer Renderer = new();

    private readonly PreviewFixture _preview = preview;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reviewflow-templates-" + Guid.NewGuid().ToString("N"));

    private string Out => Path.Combine(_folder, "previews");

    private string Overrides => Path.Combine(_folder, "overrides");

    public static TheoryData<string> Templates() => [.. EmailTemplates.All];

    [Fact]
    public void Preview_NewFolder_WritesAPagePerTemplateAndAnIndex()
    {
        Assert.Equal(0, _preview.Run.ExitCode);
        Assert.Equal(
            [.. EmailTemplates.All.Select(t => t + ".html").Append("index.html").Order(StringComparer.Ordinal)],
            Directory.GetFiles(_preview.Out).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Preview_EachPage_HasTheRenderedSubjectAndIsListedInTheIndex(string template)
    {
        string subject = WebUtility.HtmlEncode(Renderer.Render(template, TemplateModels.Sample(template)).Subject);

        Assert.Contains($"<h1>{subject}</h1>", _preview.Read(template + ".html"), StringComparison.Ordinal);
        Assert.Contains(
            $"<a href=\"{template}.html\"><code>{template}</code></a></td><td>{subject}</td>",
            _preview.Read("index.html"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Preview_TemplatePage_ShowsTheSampleModelAsEncodedJson()
    {
        string page = _preview.Read("review-rebooked.html");

        Assert.Contains("<summary>Sample model (JSON)</summary>", page, StringComparison.Ordinal);
        Assert.Contains("&quot;oldStart&quot;: &quot;Tue 19 Jan 2027, 10:00 (Europe/London)&quot;", page, StringComparison.Ordinal);
        Assert.Contains("&quot;week&quot;: 3,", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Preview_Run_PrintsOneLinePerFileAndASummary()
    {
        string[] lines = _preview.Run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Equal(18, lines.Length);
        Assert.All(Directory.GetFiles(_preview.Out), file => Assert.Single(lines, l => l.StartsWith(file + " ", StringComparison.Ordinal)));
        Assert.Equal($"15 templates and index.html written to {_preview.Out}.", lines[^1]);
        Assert.Empty(_preview.Run.Error);
    }

    [Fact]
    public async Task Preview_ModelAndTemplateText_AreEncodedInThePage()
    {
        Directory.CreateDirectory(Overrides);
        File.WriteAllText(Path.Combine(Overrides, "reminder.text.hbs"), "Hi {{recipientName}} <b>&</b> {{link}}");

        var run = await TemplatesCommandRun.InvokeAsync("preview", "--out", Out, "--overrides", Overrides);

        Assert.Equal(0, run.ExitCode);
        string page = File.ReadAllText(Path.Combine(Out, "reminder.html"));
        Assert.Contains("<pre>Hi Priya &lt;b&gt;&amp;&lt;/b&gt; https://reviewflow.example.test/a/checkin?token=sample</pre>", page, StringComparison.Ordinal);
        // The email's own document sits encoded inside srcdoc, so the page has exactly one real doctype.
        Assert.Contains("srcdoc=\"&lt;!DOCTYPE html&gt;", page, StringComparison.Ordinal);
        Assert.Equal(2, page.Split("<!DOCTYPE html>").Length);
        Assert.Contains("with overrides reminder.text.hbs", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_FolderWithOtherFiles_OverwritesOnlyThePreviews()
    {
        Directory.CreateDirectory(Out);
        File.WriteAllText(Path.Combine(Out, "notes.txt"), "mine");
        File.WriteAllText(Path.Combine(Out, "old-template.html"), "kept");
        File.WriteAllText(Path.Combine(Out, "reminder.html"), "stale");

        var run = await TemplatesCommandRun.InvokeAsync("preview", "--out", Out);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(Out, "notes.txt")));
        Assert.Equal("kept", File.ReadAllText(Path.Combine(Out, "old-template.html")));
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(Path.Combine(Out, "reminder.html")), StringComparison.Ordinal);
        Assert.Equal(18, Directory.GetFiles(Out).Length);
    }

    [Fact]
    public async Task Preview_BrokenOverride_ExitsTwoAndWritesNothing()
    {
        Directory.CreateDirectory(Overrides);
        File.WriteAllText(Path.Combine(Overrides, "reminder.subject.hbs"), "{{#if about}");

        var run = await TemplatesCommandRun.InvokeAsync("preview", "--out", Out, "--overrides", Overrides);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Template 'reminder' (subject, override", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task Check_BuiltInTemplates_ExitsZeroSayingAllAreOk()
    {
        var run = await TemplatesCommandRun.InvokeAsync("check");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("15 templates OK", run.Output.Trim());
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task Check_ValidOverride_SaysWhichPartsAreOverridden()
    {
        Directory.CreateDirectory(Overrides);
        File.WriteAllText(Path.Combine(Overrides, "checkin-request.text.hbs"), "Hi {{recipientName}}, {{link}}");

        var run = await TemplatesCommandRun.InvokeAsync("check", "--overrides", Overrides);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("15 templates OK (with 1 overridden part(s): checkin-request.text.hbs)", run.Output.Trim());
    }

    [Fact]
    public async Task Check_BrokenOverrides_ExitsTwoListingEveryProblemOnStderr()
    {
        Directory.CreateDirectory(Overrides);
        File.WriteAllText(Path.Combine(Overrides, "checkin-request.html.hbs"), "<p>{{sellerNmae}}</p>");
        File.WriteAllText(Path.Combine(Overrides, "remider.text.hbs"), "{{link}}");

        var run = await TemplatesCommandRun.InvokeAsync("check", "--overrides", Overrides);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("(2 problem(s))", run.Error, StringComparison.Ordinal);
        Assert.Contains(
            $"Template 'checkin-request' (html, override {Path.Combine(Overrides, "checkin-request.html.hbs")}) uses 'sellerNmae', which the model does not have.",
            run.Error,
            StringComparison.Ordinal);
        Assert.Contains("did you mean 'reminder.text.hbs'?", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("OK", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MissingOverridesFolder_ExitsTwoNamingTheOption()
    {
        var run = await TemplatesCommandRun.InvokeAsync("check", "--overrides", Overrides);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"--overrides: '{Overrides}' is not an existing folder.", run.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
