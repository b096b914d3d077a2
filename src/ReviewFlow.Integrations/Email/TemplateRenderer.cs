using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json.Nodes;

using HandlebarsDotNet;
using HandlebarsDotNet.Compiler;

namespace ReviewFlow.Integrations.Email;

/// <summary>
/// Renders the email templates (Handlebars, SendGrid's dynamic template syntax) embedded in this assembly.
/// Each template is compiled once, when the renderer is built. A value the template uses but the model lacks
/// is an error, never a blank.
/// </summary>
public sealed class TemplateRenderer
{
    private const string ResourcePrefix = "ReviewFlow.Templates.";

    private readonly FrozenDictionary<string, CompiledTemplate> _templates;

    /// <summary>Loads and compiles every template in <see cref="EmailTemplates.All"/>.</summary>
    public TemplateRenderer()
    {
        // Subject and text are plain text, so they must not be HTML-encoded; only the HTML part is.
        var plain = Handlebars.Create(Configure(new HandlebarsConfiguration { TextEncoder = null }));
        var html = Handlebars.Create(Configure(new HandlebarsConfiguration()));
        _templates = EmailTemplates.All.ToFrozenDictionary(
            name => name,
            name => new CompiledTemplate(
                plain.Compile(Load(name, "subject")),
                plain.Compile(Load(name, "text")),
                html.Compile(Load(name, "html"))),
            StringComparer.Ordinal);
    }

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
        string subject = Apply(compiled.Subject, data, template, "subject");
        return new RenderedEmail(
            // Subjects are one line whatever the template's trailing newline or the data hold.
            string.Join(' ', subject.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
            Apply(compiled.Text, data, template, "text"),
            Apply(compiled.Html, data, template, "html"));
    }

    private static HandlebarsConfiguration Configure(HandlebarsConfiguration configuration)
    {
        configuration.ThrowOnUnresolvedBindingExpression = true;
        configuration.FormatProvider = CultureInfo.InvariantCulture;
        return configuration;
    }

    private static string Apply(HandlebarsTemplate<object, object> compiled, object data, string template, string part)
    {
        try
        {
            return compiled(data);
        }
        catch (Exception e) when (e is HandlebarsException or HandlebarsUndefinedBindingException)
        {
            throw new InvalidOperationException($"Template '{template}' ({part}) could not be rendered: {e.Message}", e);
        }
    }

    private static string Load(string template, string part)
    {
        string resource = $"{ResourcePrefix}{template}.{part}.hbs";
        using var stream = typeof(TemplateRenderer).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Email template resource '{resource}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed record CompiledTemplate(
        HandlebarsTemplate<object, object> Subject,
        HandlebarsTemplate<object, object> Text,
        HandlebarsTemplate<object, object> Html);
}
