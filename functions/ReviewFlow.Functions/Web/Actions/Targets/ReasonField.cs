using Microsoft.AspNetCore.Http;
using static ReviewFlow.Functions.Web.Html.Html;

namespace ReviewFlow.Functions.Web.Actions.Targets;

/// <summary>The free-text "why" that goes with a counter-proposal or a manager's answer.</summary>
internal static class ReasonField
{
    public const string Name = "reason";

    public const int MaxLength = 1000;

    public static string Input(string label, string hint, IFormCollection? posted) =>
        $"<label for=\"reason\">{E(label)}</label><p class=\"hint\" id=\"reason-hint\">{E(hint)}</p>" +
        $"<textarea id=\"reason\" name=\"{Name}\" maxlength=\"{MaxLength}\" aria-describedby=\"reason-hint\">{E(posted?[Name].ToString())}</textarea>";

    /// <summary>The trimmed reason, or null (with a problem) when it is too long.</summary>
    public static string? Read(IFormCollection form, List<string> problems)
    {
        var reason = FieldText.Value(form, Name);
        if (reason.Length > MaxLength)
        {
            problems.Add($"reason: please keep it under {MaxLength} characters ({reason.Length} now).");
            return null;
        }

        return reason.Length == 0 ? null : reason;
    }
}
