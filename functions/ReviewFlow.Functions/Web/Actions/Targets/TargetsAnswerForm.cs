using Microsoft.AspNetCore.Http;
using ReviewFlow.Domain.Agreement;
using ReviewFlow.Domain.Metrics;
using ReviewFlow.Integrations.Links;
using ReviewFlow.Workflows.Cycle;
using static ReviewFlow.Functions.Web.Html.Html;

namespace ReviewFlow.Functions.Web.Actions.Targets;

/// <summary>
/// The seller's answer to the proposed targets: accept them, or propose changes with a reason. Both links of the
/// proposal email open this page, so the seller can still change their mind before submitting.
/// </summary>
internal sealed class TargetsAnswerForm(TimeProvider clock) : IActionForm
{
    private const string Decision = "decision";

    public IReadOnlyList<string> Actions { get; } = [ActionNames.Accept, ActionNames.Propose];

    public string Title(ActionContext context) => $"Your targets for {context.Cycle.Profile.Quarter.Label}";

    public string? Closed(ActionContext context)
    {
        var request = context.Latest("AgreementRequested");
        if (context.Latest("TargetsAgreed") is not null)
        {
            return "Your targets for this quarter are settled. You can see them in the confirmation email.";
        }

        return context.HappenedAfter("CounterProposed", request)
            ? $"You proposed changes already; {context.Manager.Name} will answer them."
            : null;
    }

    public string Fields(ActionContext context, IFormCollection? posted)
    {
        var proposal = ActionContext.Targets(context.Latest("AgreementRequested"));
        var proposing = posted is not null ? posted[Decision] == "propose" : context.Grant.Action == ActionNames.Propose;
        return $"<p class=\"lead\">{E(context.Manager.Name)} proposes these targets. Accept them, or propose changes with your reasons: targets work best when they are agreed, not imposed.</p>" +
            TargetFields.Table(proposal, context.Catalogue) +
            "<button type=\"submit\" name=\"decision\" value=\"accept\">Accept these targets</button>" +
            $"<details{(proposing ? " open" : "")}><summary>Propose changes</summary>" +
            "<fieldset><legend>Your proposal</legend>" +
            TargetFields.Inputs(proposal, context.Catalogue, posted) +
            ReasonField.Input("Why these numbers?", $"{context.Manager.Name} sees your reason next to the changes.", posted) +
            "<button type=\"submit\" name=\"decision\" value=\"propose\" class=\"secondary\">Send my proposal</button></fieldset></details>";
    }

    public bool Accepts(string fieldName) => fieldName is Decision or ReasonField.Name || TargetFields.IsTargetField(fieldName);

    public FormResult Read(ActionContext context, IFormCollection form)
    {
        var decision = FieldText.Value(form, Decision);
        if (decision == "accept")
        {
            return FormResult.Raise(nameof(TargetsAnswered), new TargetsAnswered(true, null, null), $"You accepted your targets for {context.Cycle.Profile.Quarter.Label}.");
        }

        if (decision != "propose")
        {
            return FormResult.Refused(["Please choose Accept or Send my proposal."]);
        }

        var problems = new List<string>();
        var proposal = ActionContext.Targets(context.Latest("AgreementRequested"));
        var typed = TargetFields.Read(form, proposal.Keys, problems);
        var reason = ReasonField.Read(form, problems);
        var changes = typed.Where(t => !proposal.TryGetValue(t.Key, out var was) || was != t.Value).ToDictionary(StringComparer.Ordinal);
        if (problems.Count == 0)
        {
            // The same rules the cycle applies: targets in range, and a counter changes something and gives a reason.
            var merged = proposal.ToDictionary(StringComparer.Ordinal);
            foreach (var (key, value) in changes)
            {
                merged[key] = value;
            }

            problems.AddRange(ExpectationSet.From(merged, context.Catalogue).Validate());
            var now = clock.GetUtcNow().UtcDateTime;
            if (problems.Count == 0)
            {
                DomainRules.Check(() => TargetAgreement.Propose(context.Manager.Id, proposal, now).SellerCounters(context.Seller.Id, changes, reason ?? "", now), problems);
            }
        }

        return problems.Count > 0
            ? FormResult.Refused(problems)
            : FormResult.Raise(
                nameof(TargetsAnswered),
                new TargetsAnswered(false, changes, reason),
                $"You proposed changes to {changes.Count} target{(changes.Count == 1 ? "" : "s")}: {string.Join(", ", changes.Keys)}.");
    }

    public string NextSteps(ActionContext context, FormResult result) =>
        result.Payload is TargetsAnswered { Accept: true }
            ? $"Your targets are agreed. You and {context.Manager.Name} get a confirmation email, and your first review is booked in both calendars."
            : $"{context.Manager.Name} gets your proposal with your reason, and will accept it, revise it, or reply. You will hear by email.";
}
