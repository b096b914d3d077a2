using System.Text.RegularExpressions;

using ReviewFlow.Integrations.Email;

using Xunit;

namespace ReviewFlow.Integrations.Tests.Email.Templates;

/// <summary>
/// The embedded files are also pasted into SendGrid as dynamic templates, whose Handlebars HTML-escapes {{value}} in
/// the subject and plain text too ("O'Neill" would arrive as "O&amp;#39;Neill"). So plain parts output values with
/// {{{value}}}, and the HTML part never does.
/// </summary>
public sealed partial class EmbeddedTemplateSyntaxTests
{
    private static readonly IReadOnlyList<TemplatePart> Parts = TemplateSource.Load(new TemplateOptions()).Parts;

    public static TheoryData<string, string> PlainParts() => Select(p => p.Part != TemplatePart.Html);

    public static TheoryData<string, string> HtmlParts() => Select(p => p.Part == TemplatePart.Html);

    [Theory]
    [MemberData(nameof(PlainParts))]
    public void PlainPart_EveryValue_UsesTripleStash(string template, string part)
    {
        string text = Find(template, part).Text;

        Assert.Empty(DoubleStashValue().Matches(text));
        Assert.NotEmpty(TripleStashValue().Matches(text));
    }

    [Theory]
    [MemberData(nameof(HtmlParts))]
    public void HtmlPart_NoValue_UsesTripleStash(string template, string part)
    {
        string text = Find(template, part).Text;

        Assert.Empty(TripleStashValue().Matches(text));
        Assert.NotEmpty(DoubleStashValue().Matches(text));
    }

    [Fact]
    public void Load_NoOverrides_ReadsThreeEmbeddedPartsPerTemplate()
    {
        Assert.Equal(EmailTemplates.All.Count * 3, Parts.Count);
        Assert.All(Parts, p => Assert.Null(p.OverridePath));
    }

    private static TemplatePart Find(string template, string part) => Parts.Single(p => p.Template == template && p.Part == part);

    private static TheoryData<string, string> Select(Func<TemplatePart, bool> predicate)
    {
        var data = new TheoryData<string, string>();
        foreach (var part in Parts.Where(predicate))
        {
            data.Add(part.Template, part.Part);
        }

        return data;
    }

    // {{name}} that outputs a value: not a block ({{#…}}, {{/…}}, {{^…}}), comment, partial, {{else}} or triple-stash.
    [GeneratedRegex(@"(?<!\{)\{\{(?![#/^!>{])\s*(?!else\s*\}\})[\w.]+\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex DoubleStashValue();

    [GeneratedRegex(@"\{\{\{\s*[\w.]+\s*\}\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex TripleStashValue();
}
