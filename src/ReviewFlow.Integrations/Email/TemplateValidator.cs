using System.Text.RegularExpressions;

using HandlebarsDotNet.Compiler;

namespace ReviewFlow.Integrations.Email;

/// <summary>
/// Renders a template's compiled parts with its sample model and the variations of <see cref="SampleVariants"/>, so a
/// variable the model does not have is found when the service starts rather than when a seller's email is due.
/// </summary>
internal static partial class TemplateValidator
{
    /// <summary>One sentence per problem; empty when every part renders with every variation.</summary>
    public static IEnumerable<string> Check(string template, IReadOnlyList<CompiledPart> parts)
    {
        foreach (var part in parts.Where(p => p.Source.Part == TemplatePart.Html && RawOutput().IsMatch(p.Source.Text)))
        {
            yield return $"{part.Source.Describe()} uses {{{{{{…}}}}}}, which would put model values into the HTML unencoded; use {{{{…}}}}.";
        }

        // Keyed by part and variable, so the same misspelling reached by several variations is reported once.
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var variant in SampleVariants.For(template))
        {
            var data = TemplateModelConverter.Convert(variant.Model, template);
            foreach (var part in parts)
            {
                string? problem = Try(part, data, variant.ReachedWhen, out string key);
                if (problem is not null && reported.Add(key))
                {
                    yield return problem;
                }
            }
        }
    }

    private static string? Try(CompiledPart part, object data, string reachedWhen, out string key)
    {
        key = "";
        try
        {
            part.Render(data);
            return null;
        }
        catch (Exception e) when (TemplateErrors.CameFromTemplate(e))
        {
            key = $"{part.Source.Part}|{(e is HandlebarsUndefinedBindingException missing ? missing.Path : e.Message)}";
            return TemplateErrors.Describe(part.Source, e, reachedWhen);
        }
    }

    // Triple-stash skips HTML encoding, here and in SendGrid; a seller's free text must never reach the HTML that way.
    [GeneratedRegex(@"\{\{~?\s*\{", RegexOptions.CultureInvariant)]
    private static partial Regex RawOutput();
}
