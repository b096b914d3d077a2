using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using ReviewFlow.Domain.Coaching;
using ReviewFlow.Functions.Web.Actions.Coaching;
using ReviewFlow.Functions.Web.Actions.Define;
using ReviewFlow.Integrations.Links;
using ReviewFlow.Workflows.Cycle;
using static ReviewFlow.Functions.Web.Html.Html;

namespace ReviewFlow.Functions.Web.Actions.Reflection;

/// <summary>
/// The seller's reflection before a coaching conversation: the open questions, one answer each. The seller reflects
/// before anyone diagnoses; the manager reads the answers while preparing.
/// </summary>
internal sealed class ReflectionForm : IActionForm
{
    /// <summary>Longest answer: room for a thought or two, not an essay.</summary>
    public const int MaxAnswerLength = 1000;

    private const string Prefix = "answer.";

    private static IReadOnlyList<string> Questions => CoachingPlan.ReflectionQuestions;

    public IReadOnlyList<string> Actions { get; } = [ActionNames.Reflection];

    public string Title(ActionContext context) => $"Before your conversation with {context.Manager.Name}";

    public string? Closed(ActionContext context)
    {
        var coaching = CoachingRound.Latest(context);
        if (coaching is null || coaching.Has(context, "CoachingClosed"))
        {
            return "There is no coaching conversation coming up, so there is nothing to answer here.";
        }

        if (coaching.Has(context, "ReflectionSubmitted"))
        {
            return $"Your thoughts are with {context.Manager.Name}, ready for your conversation.";
        }

        return coaching.PromptsSent(context) || coaching.Has(context, "CoachingPlanRecorded")
            ? $"{context.Manager.Name} has already prepared for your conversation, so the questions are closed. Bring your thoughts to the conversation itself."
            : null;
    }

    public string Fields(ActionContext context, IFormCollection? posted)
    {
        var coaching = CoachingRound.Latest(context)!;
        var html = new StringBuilder()
            .Append("<p class=\"lead\">The last few reviews came in below plan, so ").Append(E(context.Manager.Name))
            .Append(" would like to talk about what would help");
        if (coaching.Booked)
        {
            html.Append(", on ").Append(E(Time(coaching.MeetingStart, context.Actor.Zone))).Append(" (").Append(E(context.Actor.TimeZone)).Append(')');
        }

        html.Append(". Before that, could you think over a few questions? There are no wrong answers: we ask so the conversation starts from your view of things.</p>")
            .Append("<p class=\"hint\">Answer the ones you have something to say about; a sentence or two is plenty.</p>");
        for (var i = 1; i <= Questions.Count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            html.Append("<label for=\"answer-").Append(n).Append("\">").Append(E(Questions[i - 1])).Append("</label>")
                .Append("<p class=\"hint\" id=\"answer-").Append(n).Append("-hint\">Question ").Append(n).Append(" of ")
                .Append(Questions.Count.ToString(CultureInfo.InvariantCulture)).Append("; at most ").Append(FieldText.Count(MaxAnswerLength)).Append(" characters.</p>")
                .Append("<textarea id=\"answer-").Append(n).Append("\" name=\"").Append(Prefix).Append(n).Append("\" maxlength=\"")
                .Append(MaxAnswerLength.ToString(CultureInfo.InvariantCulture)).Append("\" aria-describedby=\"answer-").Append(n).Append("-hint\">")
                .Append(E(posted is null ? "" : FieldText.Value(posted, Prefix + n))).Append("</textarea>");
        }

        return html.Append("<button type=\"submit\">Send my thoughts</button>").ToString();
    }

    public bool Accepts(string fieldName) =>
        fieldName.StartsWith(Prefix, StringComparison.Ordinal)
        && int.TryParse(fieldName.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
        && n >= 1 && n <= Questions.Count
        && fieldName.Length == Prefix.Length + n.ToString(CultureInfo.InvariantCulture).Length; // "answer.01" is not a field

    public FormResult Read(ActionContext context, IFormCollection form)
    {
        var problems = new List<string>();
        FieldText.RefuseRepeated(form, problems);
        var answers = new List<string>(Questions.Count);
        for (var i = 1; i <= Questions.Count; i++)
        {
            var answer = FieldText.Value(form, Prefix + i.ToString(CultureInfo.InvariantCulture));
            if (answer.Length > MaxAnswerLength)
            {
                problems.Add($"Question {i.ToString(CultureInfo.InvariantCulture)}: please keep it under {FieldText.Count(MaxAnswerLength)} characters ({FieldText.Count(answer.Length)} now).");
            }

            answers.Add(answer);
        }

        if (problems.Count == 0 && answers.All(a => a.Length == 0))
        {
            problems.Add("answers: please answer at least one question; a sentence or two is plenty.");
        }

        // One answer per question, in order (an empty one where the seller had nothing to add), as the prompts email expects.
        return problems.Count > 0
            ? FormResult.Refused(problems)
            : FormResult.Raise(
                nameof(ReflectionSubmitted),
                new ReflectionSubmitted(answers),
                $"You answered {answers.Count(a => a.Length > 0).ToString(CultureInfo.InvariantCulture)} of {Questions.Count.ToString(CultureInfo.InvariantCulture)} questions.");
    }

    public string NextSteps(ActionContext context, FormResult result)
    {
        var coaching = CoachingRound.Latest(context);
        var when = coaching is { Booked: true } ? $" on {Time(coaching.MeetingStart, context.Actor.Zone)} ({context.Actor.TimeZone})" : "";
        return $"{context.Manager.Name} reads your thoughts while preparing for your conversation{when}. " +
            "Together you will look at what is getting in the way and agree a few actions; they then come up in your regular reviews.";
    }
}
