using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ReviewFlow.Functions.Web.Actions;

/// <summary>
/// Reading posted fields the way people type them, shared by the Define, Counter, Check-in, Reflection and
/// Coaching-notes pages: one value per field (a repeated field is refused, never joined), numbers with
/// optional thousands separators, and problems that name the field.
/// </summary>
internal static class FieldText
{
    /// <summary>Longest number text accepted; a figure of up to 1e12 with separators and decimals fits.</summary>
    public const int MaxNumberLength = 20;

    /// <summary>The trimmed value of <paramref name="name"/>, or "" when absent.</summary>
    public static string Value(IFormCollection form, string name) =>
        form.TryGetValue(name, out var values) && values.Count == 1 ? (values[0] ?? "").Trim() : "";

    /// <summary>
    /// One problem per field posted more than once. A browser posts each field once; a repeated one would be joined
    /// with a comma ("1,2"), which reads as a different number, so it is refused instead.
    /// </summary>
    public static void RefuseRepeated(IFormCollection form, List<string> problems)
    {
        foreach (var (name, values) in form)
        {
            if (values.Count > 1)
            {
                problems.Add($"{Shorten(name)}: sent more than once; please send the form from its page.");
            }
        }
    }

    /// <summary>Parses a number as people type it ("90,000", "2.5", "1e6"); finite only.</summary>
    public static bool TryNumber(string text, out double value)
    {
        value = 0;
        return text.Length > 0
            && text.Length <= MaxNumberLength
            && double.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    /// <summary>Text quoted back in a message, cut short so a huge value does not flood the page.</summary>
    public static string Shorten(string text) => text.Length <= 30 ? text : text[..30] + "…";

    /// <summary>An integer for a message, grouped ("1,200").</summary>
    public static string Count(int value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>A domain rule's message without .NET's " (Parameter 'x')" suffix, which means nothing to a person.</summary>
    public static string Message(Exception exception) =>
        exception is ArgumentException { ParamName: { } name } argument
            ? argument.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)
            : exception.Message;
}
