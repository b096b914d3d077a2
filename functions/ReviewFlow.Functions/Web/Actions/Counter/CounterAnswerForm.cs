using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ReviewFlow.Domain.Agreement;
using ReviewFlow.Domain.Metrics;
using ReviewFlow.Functions.Web.Actions.Define;
using ReviewFlow.Functions.Web.Actions.Targets;
using ReviewFlow.Integrations.Journal;
using ReviewFlow.Integrations.Links;
using ReviewFlow.Workflows.Cycle;
using static ReviewFlow.Functions.Web.Html.Html;

namespace ReviewFlow.Functions.Web.Actions.Counter;

/// <summary>
/// The manager's answer to a counter-proposal: the counter as a diff against the proposal with the seller's reason,
/// then accept it, revise the numbers (with a reason), or keep the proposal (with a reply).
/// </summary>
internal sealed class CounterAnswerForm(TimeProvider clock) : IActionForm
{
    private const string Decision = "decision";
    private const string Reply = "reply";

    public IReadOnlyList<string> Actions { get; } = [ActionNames.Counter];

    public string Title(ActionContext context) => $"{context.Seller.Name}'s counter-proposal";

    public string? Closed(ActionContext context)
    {
        if (context.Latest("TargetsAgreed") is not null)
        {
            return $"The targets for {context.Cycle.Profile.Quarter.Label} are agreed. You and {context.Seller.Name} have the confirmation email.";
        }

        return context.HappenedAfter("CounterProposed", context.Latest("AgreementRequested"))
            ? null
            : $"There is no counter-proposal waiting for your answer: {context.Seller.Name} has your latest proposal.";
    }

    public string Fields(ActionContext context, IFormCollection? posted)
    {
        var (proposal, counter, reason, round) = Pending(context);
        var decision = posted is null ? "" : FieldText.Value(posted, Decision);
        var seller = E(context.Seller.Name);
        return $"<p class=\"lead\">{seller} suggests changes to your proposal (round {round.ToString(CultureInfo.InvariantCulture)} of " +
            $"{context.Cycle.Profile.Policy.MaxAgreementRounds.ToString(CultureInfo.InvariantCulture)}). Whatever you decide, a word on how the target can be met keeps the conversation about the how.</p>" +
            CounterDiff.Table(proposal, counter, context.Seller.Name, context.Catalogue) +
            $"<h2>{seller}'s reason</h2><blockquote class=\"said\">{E(reason)}</blockquote>" +
            $"<button type=\"submit\" name=\"{Decision}\" value=\"accept\">Accept {seller}'s numbers</button>" +
            $"<details{(decision == "revise" ? " open" : "")}><summary>Revise the numbers</summary>" +
            "<fieldset><legend>Your revised proposal</legend>" +
            $"<p class=\"hint\">Filled in with {seller}'s numbers; change them to what you propose instead.</p>" +
            TargetFields.Inputs(counter, context.Catalogue, posted) +
            ReasonField.Input("Why these numbers?", $"{context.Seller.Name} sees your reason next to the new numbers.", posted) +
            $"<button type=\"submit\" name=\"{Decision}\" value=\"revise\" class=\"secondary\">Send the revised proposal</button></fieldset></details>" +
            $"<details{(decision == "keep" ? " open" : "")}><summary>Keep your proposal</summary>" +
            "<fieldset><legend>Your reply</legend>" +
            $"<label for=\"{Reply}\">Why keep it, and how can the target be met?</label>" +
            $"<p class=\"hint\" id=\"{Reply}-hint\">{seller} sees your reply with your proposal and can accept it or propose changes again.</p>" +
            $"<textarea id=\"{Reply}\" name=\"{Reply}\" maxlength=\"{ReasonField.MaxLength.ToString(CultureInfo.InvariantCulture)}\" aria-describedby=\"{Reply}-hint\">" +
            E(posted is null ? "" : FieldText.Value(posted, Reply)) + "</textarea>" +
            $"<button type=\"submit\" name=\"{Decision}\" value=\"keep\" class=\"secondary\">Keep my proposal</button></fieldset></details>";
    }

    public bool Accepts(string fieldName) => fieldName is Decision or ReasonField.Name or Reply || TargetFields.IsTargetField(fieldName);

    public FormResult Read(ActionContext context, IFormCollection form)
    {
        var problems = new List<string>();
        FieldText.RefuseRepeated(form, problems);
        if (problems.Count > 0)
        {
            return FormResult.Refused(problems);
        }

        var (proposal, counter, sellerReason, _) = Pending(context);
        var decision = FieldText.Value(form, Decision);
        if (decision != "revise")
        {
            // The revision's fields come with every answer (one form); a metric the form does not have is refused all the same.
            foreach (var extra in form.Keys.Where(TargetFields.IsTargetField).Select(k => k[TargetFields.Prefix.Length..]).Where(k => !proposal.ContainsKey(k)))
            {
                problems.Add($"{FieldText.Shorten(extra)}: not one of this quarter's metrics.");
            }
        }

        CounterAnswered answer;
        string summary;
        switch (decision)
        {
            case "accept":
                answer = new CounterAnswered(true, null, null);
                summary = $"You accepted {context.Seller.Name}'s counter-proposal.";
                break;
            case "revise":
                var revised = TargetFields.Read(form, proposal.Keys, problems);
                var reason = ReasonField.Read(form, problems);
                if (reason is null && problems.Count == 0)
                {
                    problems.Add($"reason: please say why these numbers, so {context.Seller.Name} can see how their proposal was weighed.");
                }

                // Absurd figures are refused as in Define (at most 1e12), on top of the agreement's own rules.
                if (revised.Count == proposal.Count)
                {
                    problems.AddRange(ExpectationSet.From(revised, context.Catalogue).Validate());
                }

                answer = new CounterAnswered(false, revised, reason);
                summary = $"You sent {context.Seller.Name} a revised proposal: " +
                    string.Join(", ", revised.Select(r => $"{r.Key} {MetricWords.Amount(r.Value, context.Catalogue.Resolve(r.Key))}")) + ".";
                break;
            case "keep":
                var reply = FieldText.Value(form, Reply);
                if (reply.Length == 0)
                {
                    problems.Add($"reply: please say why you keep your proposal and how the target can be met, so {context.Seller.Name} can see how their proposal was weighed.");
                }
                else if (reply.Length > ReasonField.MaxLength)
                {
                    problems.Add($"reply: please keep it under {ReasonField.MaxLength.ToString(CultureInfo.InvariantCulture)} characters ({reply.Length.ToString(CultureInfo.InvariantCulture)} now).");
                }

                answer = new CounterAnswered(false, null, reply);
                summary = $"You kept your proposal and told {context.Seller.Name} why.";
                break;
            default:
                return FormResult.Refused([.. problems, "decision: please choose Accept, Send the revised proposal, or Keep my proposal."]);
        }

        if (problems.Count == 0)
        {
            Check(context, proposal, counter, sellerReason, answer, problems);
        }

        return problems.Count > 0 ? FormResult.Refused(problems) : FormResult.Raise(nameof(CounterAnswered), answer, summary);
    }

    public string NextSteps(ActionContext context, FormResult result)
    {
        var seller = context.Seller.Name;
        if (result.Payload is CounterAnswered { Accept: true })
        {
            return $"The targets are agreed on {seller}'s numbers. You both get a confirmation email, and the first review is booked in both calendars.";
        }

        var round = Pending(context).Round;
        var max = context.Cycle.Profile.Policy.MaxAgreementRounds;
        return round >= max
            ? $"That was the last of {max.ToString(CultureInfo.InvariantCulture)} rounds, so your proposal now applies. You both get a confirmation email, and it can still be discussed at the first review."
            : $"{seller} gets your answer with your reason, and can accept it or propose changes once more (round {(round + 1).ToString(CultureInfo.InvariantCulture)} of {max.ToString(CultureInfo.InvariantCulture)}). You will hear by email.";
    }

    /// <summary>The same rules AgreeStep applies to the answer: the agreement replayed to the pending counter, then the answer applied.</summary>
    private void Check(ActionContext context, IReadOnlyDictionary<string, double> proposal, IReadOnlyDictionary<string, double> counter, string sellerReason, CounterAnswered answer, List<string> problems)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            var agreement = TargetAgreement.Propose(context.Manager.Id, proposal, now)
                .SellerCounters(context.Seller.Id, counter, sellerReason.Length == 0 ? "(no reason recorded)" : sellerReason, now);
            _ = answer switch
            {
                { Accept: true } => agreement.ManagerAccepts(context.Manager.Id, now),
                { Revise: { Count: > 0 } revised } => agreement.ManagerRevises(context.Manager.Id, Overlay(proposal, revised), answer.Reason ?? "", now),
                _ => agreement.ManagerKeeps(context.Manager.Id, answer.Reason ?? "", now),
            };
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            problems.Add(FieldText.Message(e));
        }
    }

    private static Dictionary<string, double> Overlay(IReadOnlyDictionary<string, double> proposal, IReadOnlyDictionary<string, double> changes)
    {
        var merged = proposal.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var (key, value) in changes)
        {
            merged[key] = value;
        }

        return merged;
    }

    /// <summary>The standing proposal, the pending counter, the seller's reason and the round, from the journal.</summary>
    private static (IReadOnlyDictionary<string, double> Proposal, IReadOnlyDictionary<string, double> Counter, string Reason, int Round) Pending(ActionContext context)
    {
        var counter = context.Latest("CounterProposed");
        return (
            ActionContext.Targets(context.Latest("AgreementRequested")),
            ActionContext.Targets(counter),
            Text(counter, "reason"),
            counter?.Data["round"] is JsonValue round && round.TryGetValue<int>(out var r) ? r : 1);
    }

    private static string Text(JournalEntry? entry, string property) =>
        entry?.Data[property] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
}
