using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using ReviewFlow.Domain.Coaching;
using ReviewFlow.Functions.Web.Actions.Define;
using ReviewFlow.Integrations.Links;
using ReviewFlow.Workflows.Cycle;
using static ReviewFlow.Functions.Web.Html.Html;

namespace ReviewFlow.Functions.Web.Actions.Coaching;

/// <summary>
/// The manager's notes after the coaching conversation: the diagnosis and one to five agreed actions. The page takes
/// them only once the conversation is over (the email's <c>NotBefore</c>): notes written before it would be a
/// prescription without a diagnosis.
/// </summary>
internal sealed class CoachingNotesForm(TimeProvider clock) : IActionForm
{
    private const string Prefix = "action.";

    public IReadOnlyList<string> Actions { get; } = [ActionNames.CoachingNotes];

    public string Title(ActionContext context) => $"Coaching notes: {context.Seller.Name}";

    public string? Closed(ActionContext context)
    {
        var coaching = CoachingRound.Latest(context);
        if (coaching is null)
        {
            return $"There is no coaching open for {context.Seller.Name}, so there are no notes to record.";
        }

        if (coaching.Has(context, "CoachingPlanRecorded"))
        {
            return $"The notes from your conversation with {context.Seller.Name} are recorded. The agreed actions come up in every review while coaching is open.";
        }

        return coaching.Has(context, "CoachingClosed") ? $"This coaching plan has closed: {context.Seller.Name} is back on track." : null;
    }

    public string Fields(ActionContext context, IFormCollection? posted)
    {
        var coaching = CoachingRound.Latest(context)!;
        var html = new StringBuilder()
            .Append("<p class=\"lead\">Why coaching opened: ").Append(E(coaching.Reason)).Append(". ")
            .Append(coaching.Booked ? $"Your conversation with {E(context.Seller.Name)}: {E(Time(coaching.MeetingStart, context.Actor.Zone))} ({E(context.Actor.TimeZone)})." : "")
            .Append("</p>");
        if (NotYet(context, coaching) is { } notYet)
        {
            return html.Append("<div class=\"notice\" role=\"status\"><p>").Append(E(notYet)).Append("</p></div>")
                .Append("<p>Afterwards, this page asks for what is mainly behind the gap (skill, motivation, external conditions or personal circumstances) ")
                .Append("and the one to five actions you agree together. The email's link keeps working until then.</p>")
                .ToString();
        }

        html.Append(DiagnosisChoices.Inputs(posted))
            .Append("<fieldset><legend>Agreed actions</legend><p class=\"hint\" id=\"actions-hint\">One to ")
            .Append(CoachingPlan.MaxActions.ToString(CultureInfo.InvariantCulture)).Append(" short, concrete actions you agreed together, at most ")
            .Append(CoachingPlan.MaxActionLength.ToString(CultureInfo.InvariantCulture)).Append(" characters each. Leave the rest empty.</p>");
        for (var i = 1; i <= CoachingPlan.MaxActions; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            html.Append("<label for=\"action-").Append(n).Append("\">Action ").Append(n).Append(i == 1 ? " (needed)" : " (optional)").Append("</label>")
                .Append("<input type=\"text\" id=\"action-").Append(n).Append("\" name=\"").Append(Prefix).Append(n).Append("\" maxlength=\"")
                .Append(CoachingPlan.MaxActionLength.ToString(CultureInfo.InvariantCulture)).Append("\" value=\"")
                .Append(E(posted is null ? "" : FieldText.Value(posted, Prefix + n))).Append("\" aria-describedby=\"actions-hint\">");
        }

        return html.Append("</fieldset>")
            .Append("<p class=\"hint\">Follow-up happens in your regular reviews: the actions are on every review agenda while coaching is open.</p>")
            .Append("<button type=\"submit\">Record the notes</button>")
            .ToString();
    }

    public bool Accepts(string fieldName) =>
        fieldName == DiagnosisChoices.Name
        || (fieldName.StartsWith(Prefix, StringComparison.Ordinal)
            && int.TryParse(fieldName.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n >= 1 && n <= CoachingPlan.MaxActions
            && fieldName.Length == Prefix.Length + n.ToString(CultureInfo.InvariantCulture).Length);

    public FormResult Read(ActionContext context, IFormCollection form)
    {
        var coaching = CoachingRound.Latest(context)!;
        if (NotYet(context, coaching) is { } notYet)
        {
            return FormResult.Refused([notYet]);
        }

        var problems = new List<string>();
        FieldText.RefuseRepeated(form, problems);
        var diagnosis = DiagnosisChoices.Read(form, problems);
        var actions = new List<string>();
        for (var i = 1; i <= CoachingPlan.MaxActions; i++)
        {
            var action = FieldText.Value(form, Prefix + i.ToString(CultureInfo.InvariantCulture));
            if (action.Length > CoachingPlan.MaxActionLength)
            {
                problems.Add($"Action {i.ToString(CultureInfo.InvariantCulture)}: at most {CoachingPlan.MaxActionLength.ToString(CultureInfo.InvariantCulture)} characters, please ({FieldText.Count(action.Length)} now).");
            }
            else if (action.Length > 0)
            {
                actions.Add(action);
            }
        }

        if (actions.Count == 0 && problems.All(p => !p.StartsWith("Action ", StringComparison.Ordinal)))
        {
            problems.Add("Action 1: please note at least one action you agreed together.");
        }

        if (problems.Count == 0)
        {
            // The rule the cycle applies (DevelopStep): CoachingPlan.Diagnose.
            try
            {
                _ = CoachingPlan.Open(clock.GetUtcNow().UtcDateTime, coaching.Reason.Length == 0 ? "coaching" : coaching.Reason).Diagnose(diagnosis!.Value, actions);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                problems.Add(FieldText.Message(e));
            }
        }

        return problems.Count > 0
            ? FormResult.Refused(problems)
            : FormResult.Raise(
                nameof(CoachingNotesSubmitted),
                new CoachingNotesSubmitted(diagnosis!.Value, actions),
                $"You recorded the diagnosis ({diagnosis.Value.ToString().ToLowerInvariant()}) and {actions.Count.ToString(CultureInfo.InvariantCulture)} agreed action{(actions.Count == 1 ? "" : "s")}.");
    }

    public string NextSteps(ActionContext context, FormResult result)
    {
        var streak = context.Cycle.Profile.Policy.CoachingExitStreak.ToString(CultureInfo.InvariantCulture);
        return $"The plan is on record for you and {context.Seller.Name}. The agreed actions are on every review agenda while coaching is open, " +
            $"so you follow them up in the normal rhythm; coaching closes after {streak} reviews in a row that are not below plan.";
    }

    /// <summary>Why the notes cannot be taken yet (the conversation is still ahead by the service's clock), or null.</summary>
    private string? NotYet(ActionContext context, CoachingRound coaching)
    {
        if (clock.GetUtcNow().UtcDateTime >= coaching.MeetingEnd)
        {
            return null;
        }

        var zone = context.Actor.Zone;
        return $"Your conversation with {context.Seller.Name} is on {Time(coaching.MeetingStart, zone)} ({context.Actor.TimeZone}). " +
            $"The notes are for afterwards, so this page takes them from {Time(coaching.MeetingEnd, zone)}.";
    }
}
