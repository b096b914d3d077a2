using System.Globalization;

using HandlebarsDotNet;
using HandlebarsDotNet.Compiler;

namespace ReviewFlow.Integrations.Email;

/// <summary>
/// Turns Handlebars' exceptions into one sentence that names the template, the part, the override file and the
/// variable, in words a person editing an override can act on.
/// </summary>
internal static class TemplateErrors
{
    private const string LocationMarker = "Occured at:"; // sic: Handlebars.Net's spelling
    private const int MaxDetailLength = 100;

    /// <summary>Whether <paramref name="error"/> is something a template (rather than a bug) can cause.</summary>
    public static bool CameFromTemplate(Exception error) => error is HandlebarsException or HandlebarsUndefinedBindingException;

    /// <summary>One sentence on what is wrong with <paramref name="part"/>; <paramref name="reachedWhen"/> says which sample variant found it.</summary>
    public static string Describe(TemplatePart part, Exception error, string reachedWhen = "") => error switch
    {
        HandlebarsUndefinedBindingException missing =>
            $"{part.Describe()} uses '{missing.Path}', which the model does not have{reachedWhen}.",
        HandlebarsParserException or HandlebarsCompilerException =>
            $"{part.Describe()} has a Handlebars syntax error: {Tidy(error.Message)}.",
        _ => $"{part.Describe()} could not be rendered: {Tidy(error.Message)}.",
    };

    /// <summary>The message of the start-up error: a heading, then one problem a line.</summary>
    public static string Summary(IReadOnlyCollection<string> problems) =>
        $"The email templates are not valid ({problems.Count.ToString(CultureInfo.InvariantCulture)} problem(s)):"
        + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p));

    // Parser messages span several lines and end with a zero-based "line:column"; the list wants one line.
    private static string Tidy(string message)
    {
        int marker = message.IndexOf(LocationMarker, StringComparison.Ordinal);
        string detail = (marker < 0 ? message : message[..marker]).Trim().TrimEnd(':').Trim();
        string firstLine = detail.Split('\n', 2)[0].Trim().TrimEnd('.');
        if (firstLine.Length > MaxDetailLength)
        {
            firstLine = string.Concat(firstLine.AsSpan(0, MaxDetailLength), "…");
        }

        if (marker >= 0 && TryLine(message[(marker + LocationMarker.Length)..], out int line))
        {
            firstLine += $" (parsing stopped at line {line.ToString(CultureInfo.InvariantCulture)})";
        }

        return firstLine;
    }

    private static bool TryLine(string location, out int line)
    {
        string zeroBased = location.Trim().Split(':', 2)[0];
        bool parsed = int.TryParse(zeroBased, NumberStyles.None, CultureInfo.InvariantCulture, out line);
        line++;
        return parsed;
    }
}
