using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json.Nodes;

using HandlebarsDotNet;

namespace ReviewFlow.Integrations.Email;

/// <summary>
/// Renders the email templates (Handlebars, SendGrid's dynamic template syntax) embedded in this assembly, or an
/// organisation's overrides of them (<see cref="TemplateOptions"/>). A value the template uses but the model lacks
/// is an error, never a blank.
/// </summary>
/// <remarks>
/// Every template is compiled and rendered with its <see cref="TemplateModels.Sample"/> model (and variations that
/// take the other side of each branch) when the renderer is built, so a broken override stops the service at start
/// instead of failing a seller's email weeks later. Build it once per process.
/// </remarks>
public sealed class TemplateRenderer
{
    private readonly FrozenDictionary<string, CompiledTemplate> _templates;

    /// <summary>Loads, compiles and validates the embedded templates of <see cref="EmailTemplates.All"/>.</summary>
    /// <exception cref="InvalidOperationException">A template does not render with its sample model.</exception>
    public TemplateRenderer()
        : this(new TemplateOptions())
    {
    }

    /// <summary>Loads the templates with the overrides <paramref name="options"/> points at, then compiles and validates them.</summary>
    /// <exception cref="InvalidOperationException">
    /// The overrides folder does not exist; or, listing every problem at once, an override file's name matches no
    /// template part, a part has a syntax error, or a part uses a variable its sample model does not have.
    /// </exception>
    public TemplateRenderer(TemplateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var source = TemplateSource.Load(options);

        // Subject and text are plain text, so they must not be HTML-encoded; only the HTML part is.
        var plain = Handlebars.Create(Configure(new HandlebarsConfiguration { TextEncoder = null }));
        var html = Handlebars.Create(Configure(new HandlebarsConfiguration()));

        var problems = new List<string>(source.Problems);
        var templates = new Dictionary<string, CompiledTemplate>(StringComparer.Ordinal);
        foreach (var group in source.Parts.GroupBy(p => p.Template, StringComparer.Ordinal))
        {
            var parts = new List<CompiledPart>();
            foreach (var part in group)
            {
                try
                {
                    parts.Add(new CompiledPart(part, (part.Part == TemplatePart.Html ? html : plain).Compile(part.Text)));
                }
                catch (HandlebarsException e)
                {
                    problems.Add(TemplateErrors.Describe(part, e));
                }
            }

            // The parts that did compile are still checked, so one run lists every problem.
            problems.AddRange(TemplateValidator.Check(group.Key, parts));
            if (parts.Count == TemplatePart.Names.Count)
            {
                templates.Add(group.Key, new CompiledTemplate(
                    Find(parts, TemplatePart.Subject), Find(parts, TemplatePart.PlainText), Find(parts, TemplatePart.Html)));
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(TemplateErrors.Summary(problems));
        }

        _templates = templates.ToFrozenDictionary(StringComparer.Ordinal);
        OverrideFiles = [.. source.Parts.Select(p => p.OverridePath).OfType<string>()];
    }

    /// <summary>The override files in use (full paths, in template order); empty when every part is the embedded one.</summary>
    public IReadOnlyList<string> OverrideFiles { get; }

    /// <summary>Renders <paramref name="template"/> with <paramref name="model"/>.</summary>
    /// <exception cref="ArgumentException">The template name is unknown.</exception>
    /// <exception cref="InvalidOperationException">The model lacks a value the template uses, or holds a null.</exception>
    public RenderedEmail Render(string template, JsonObject model)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(model);
        if (!_templates.TryGetValue(template, out var compiled))
        {
            throw new ArgumentException(
                $"Unknown email template '{template}'. Known templates: {string.Join(", ", EmailTemplates.All)}.", nameof(template));
        }

        var data = TemplateModelConverter.Convert(model, template);
        string subject = Apply(compiled.Subject, data);
        return new RenderedEmail(
            // Subjects are one line whatever the template's trailing newline or the data hold.
            string.Join(' ', subject.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
            Apply(compiled.Text, data),
            Apply(compiled.Html, data));
    }

    private static HandlebarsConfiguration Configure(HandlebarsConfiguration configuration)
    {
        configuration.ThrowOnUnresolvedBindingExpression = true;
        configuration.FormatProvider = CultureInfo.InvariantCulture;
        return configuration;
    }

    private static CompiledPart Find(List<CompiledPart> parts, string part) => parts.Single(p => p.Source.Part == part);

    private static string Apply(CompiledPart part, object data)
    {
        try
        {
            return part.Render(data);
        }
        catch (Exception e) when (TemplateErrors.CameFromTemplate(e))
        {
            throw new InvalidOperationException(TemplateErrors.Describe(part.Source, e), e);
        }
    }

    private sealed record CompiledTemplate(CompiledPart Subject, CompiledPart Text, CompiledPart Html);
}
