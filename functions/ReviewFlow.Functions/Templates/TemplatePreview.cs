using System.Text.Json.Nodes;

using ReviewFlow.Integrations.Email;

namespace ReviewFlow.Functions.Templates;

/// <summary>One template rendered with its sample model, ready to be written as a preview page.</summary>
/// <param name="Name">The template name.</param>
/// <param name="Model">The sample model it was rendered with.</param>
/// <param name="Email">The rendered subject, text and HTML.</param>
/// <param name="OverrideFiles">File names of the override files behind it; empty when it is the built-in template.</param>
internal sealed record TemplatePreview(string Name, JsonObject Model, RenderedEmail Email, IReadOnlyList<string> OverrideFiles);
