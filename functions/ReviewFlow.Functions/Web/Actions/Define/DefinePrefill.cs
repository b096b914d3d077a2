using System.Text.Json.Nodes;

namespace ReviewFlow.Functions.Web.Actions.Define;

/// <summary>
/// The expectation set the Define request was pre-filled with, so the page shows the same numbers as the email.
/// <c>DefineStep</c> records the pre-filled numbers in the <c>ExpectationsRequested</c> entry; the page reads them there.
/// </summary>
internal static class DefinePrefill
{
    /// <summary>The source <c>LoadPrefill</c> names when it falls back to the role template.</summary>
    private const string RoleTemplateSource = "the role template";

    /// <summary>Where the pre-fill came from, in the words of the email ("the role template", "2026-Q4's agreed targets").</summary>
    public static string Source(ActionContext context) =>
        context.Latest("ExpectationsRequested")?.Data["prefilledFrom"] is JsonValue value && value.TryGetValue<string>(out var source)
            ? source
            : RoleTemplateSource;

    /// <summary>The numbers the request recorded (what the email showed), else the role template.</summary>
    public static IReadOnlyDictionary<string, double> For(ActionContext context)
    {
        var recorded = ActionContext.Targets(context.Latest("ExpectationsRequested"));
        return recorded.Count > 0 ? recorded : context.Cycle.Profile.RoleTemplate;
    }
}
