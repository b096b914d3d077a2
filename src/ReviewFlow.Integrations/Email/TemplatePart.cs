namespace ReviewFlow.Integrations.Email;

/// <summary>The Handlebars text of one part of one template, and where it came from.</summary>
/// <param name="Template">The template name, one of <see cref="EmailTemplates.All"/>.</param>
/// <param name="Part">One of <see cref="TemplatePart.Names"/>.</param>
/// <param name="Text">The Handlebars source.</param>
/// <param name="OverridePath">The override file it was read from, or null for the embedded one.</param>
internal sealed record TemplatePart(string Template, string Part, string Text, string? OverridePath)
{
    /// <summary>The subject line (plain text).</summary>
    public const string Subject = "subject";

    /// <summary>The plain-text body.</summary>
    public const string PlainText = "text";

    /// <summary>The HTML body, the only part whose values are HTML-encoded.</summary>
    public const string Html = "html";

    /// <summary>Every part a template has, in the order errors and previews list them.</summary>
    public static IReadOnlyList<string> Names { get; } = [Subject, PlainText, Html];

    /// <summary>The file name of a part, embedded or override: <c>{template}.{part}.hbs</c>.</summary>
    public static string FileName(string template, string part) => $"{template}.{part}.hbs";

    /// <summary>How error messages name this part: "Template 'x' (html)" or "Template 'x' (html, override /path)".</summary>
    public string Describe() => OverridePath is null
        ? $"Template '{Template}' ({Part})"
        : $"Template '{Template}' ({Part}, override {OverridePath})";
}
