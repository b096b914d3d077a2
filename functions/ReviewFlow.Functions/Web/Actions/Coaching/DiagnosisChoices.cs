using System.Text;
using Microsoft.AspNetCore.Http;
using ReviewFlow.Domain.Coaching;
using static ReviewFlow.Functions.Web.Html.Html;

namespace ReviewFlow.Functions.Web.Actions.Coaching;

/// <summary>The diagnosis radio buttons: the four causes METHOD.md asks the manager to tell apart before prescribing.</summary>
internal static class DiagnosisChoices
{
    public const string Name = "diagnosis";

    private static readonly (string Value, DiagnosisCategory Category, string Label, string Explanation)[] Choices =
    [
        ("skill", DiagnosisCategory.Skill, "Skill", "They do not yet know how: practice, shadowing or training will help."),
        ("motivation", DiagnosisCategory.Motivation, "Motivation", "They know how, but the drive is missing: talk about what makes the work worthwhile."),
        ("external", DiagnosisCategory.External, "External conditions", "The market, territory, product or a process is in the way: clear the path or adjust."),
        ("personal", DiagnosisCategory.Personal, "Personal circumstances", "Something in their life needs room for a while: flexibility and support come first."),
    ];

    public static string Inputs(IFormCollection? posted)
    {
        var chosen = posted is null ? "" : FieldText.Value(posted, Name);
        var html = new StringBuilder("<fieldset><legend>What is mainly behind the gap?</legend>")
            .Append("<p class=\"hint\">Diagnose before prescribing: choose the cause you found together in the conversation.</p>");
        foreach (var (value, _, label, explanation) in Choices)
        {
            var id = "d-" + value;
            html.Append("<div class=\"choice\"><input type=\"radio\" id=\"").Append(id).Append("\" name=\"").Append(Name).Append("\" value=\"").Append(value).Append('"')
                .Append(chosen == value ? " checked" : "").Append(" aria-describedby=\"").Append(id).Append("-hint\">")
                .Append("<label for=\"").Append(id).Append("\">").Append(E(label)).Append("</label>")
                .Append("<p class=\"hint\" id=\"").Append(id).Append("-hint\">").Append(E(explanation)).Append("</p></div>");
        }

        return html.Append("</fieldset>").ToString();
    }

    /// <summary>The chosen category; only the four values the page offers are read (never a number or a list of flags).</summary>
    public static DiagnosisCategory? Read(IFormCollection form, List<string> problems)
    {
        var value = FieldText.Value(form, Name);
        if (value.Length == 0)
        {
            problems.Add("diagnosis: please choose what is mainly behind the gap (skill, motivation, external conditions or personal circumstances).");
            return null;
        }

        foreach (var choice in Choices)
        {
            if (choice.Value == value)
            {
                return choice.Category;
            }
        }

        problems.Add($"diagnosis: '{FieldText.Shorten(value)}' is not one of skill, motivation, external or personal.");
        return null;
    }
}
