using HandlebarsDotNet;

namespace ReviewFlow.Integrations.Email;

/// <summary>One template part, compiled, with its source kept so errors can name the file it came from.</summary>
/// <param name="Source">The part's text and origin.</param>
/// <param name="Render">The compiled template.</param>
internal sealed record CompiledPart(TemplatePart Source, HandlebarsTemplate<object, object> Render);
