using System.Globalization;
using Microsoft.AspNetCore.Http;
using ReviewFlow.Domain.Metrics;
using ReviewFlow.Integrations.Links;
using ReviewFlow.Workflows.Cycle;
using static ReviewFlow.Functions.Web.Html.Html;

namespace ReviewFlow.Functions.Web.Actions.Define;

/// <summary>
/// The manager's Define page: the seller's expectation set for the quarter, pre-filled as the email was, each
/// metric with its unit and why. The manager adjusts, adds or leaves out metrics and sends it to the seller.
/// </summary>
internal sealed class DefineForm : IActionForm
{
    public IReadOnlyList<string> Actions { get; } = [ActionNames.Define];

    public string Title(ActionContext context) => $"{context.Seller.Name}'s expectations for {context.Cycle.Profile.Quarter.Label}";

    public string? Closed(ActionContext context) =>
        context.Latest("ExpectationsDefined") is null && context.Cycle.Progress.Phase == CyclePhase.Define
            ? null
            : $"The expectations are already set and with {context.Seller.Name}. You will hear by email when they answer.";

    public string Fields(ActionContext context, IFormCollection? posted)
    {
        var values = DefinePrefill.For(context);
        var others = DefineFields.Offered(values, context.Catalogue).Skip(values.Count).ToList();
        var adding = posted is not null && others.Any(k => FieldText.Value(posted, DefineFields.Prefix + k).Length > 0);
        return $"<p class=\"lead\">Pre-filled from {E(DefinePrefill.Source(context))}. What does good look like for {E(context.Seller.Name)} this quarter? " +
            "Outcomes and the lead indicators that drive them, each with why it matters.</p>" +
            "<fieldset><legend>The expectation set</legend>" +
            "<p class=\"hint\">Change what needs changing. Leave a field empty to leave that metric out.</p>" +
            DefineFields.Inputs(values.Keys, values, context.Catalogue, posted) +
            "</fieldset>" +
            (others.Count == 0 ? "" :
                $"<details{(adding ? " open" : "")}><summary>Add another metric (optional)</summary><fieldset><legend>More metrics</legend>" +
                DefineFields.Inputs(others, values, context.Catalogue, posted) +
                "</fieldset></details>") +
            $"<button type=\"submit\">Send to {E(context.Seller.Name)}</button>";
    }

    public bool Accepts(string fieldName) => DefineFields.IsTargetField(fieldName);

    public FormResult Read(ActionContext context, IFormCollection form)
    {
        var problems = new List<string>();
        FieldText.RefuseRepeated(form, problems);
        var values = DefineFields.Read(form, DefineFields.Offered(DefinePrefill.For(context), context.Catalogue), problems);
        if (values.Count == 0 && problems.Count == 0)
        {
            problems.Add($"targets: please fill in at least one metric, so {context.Seller.Name} knows what good looks like.");
        }

        // The same rule the cycle applies to ExpectationsSubmitted: a metric appears once, finite, not negative, at most 1e12.
        if (values.Count > 0)
        {
            problems.AddRange(ExpectationSet.From(values, context.Catalogue).Validate());
        }

        if (problems.Count > 0)
        {
            return FormResult.Refused(problems);
        }

        var listed = string.Join(", ", values.Select(v => $"{v.Key} {MetricWords.Amount(v.Value, context.Catalogue.Resolve(v.Key))}"));
        return FormResult.Raise(
            nameof(ExpectationsSubmitted),
            new ExpectationsSubmitted(values),
            $"You sent {context.Seller.Name} {values.Count.ToString(CultureInfo.InvariantCulture)} target{(values.Count == 1 ? "" : "s")}: {listed}.");
    }

    public string NextSteps(ActionContext context, FormResult result)
    {
        var days = context.Cycle.Profile.Policy.AgreementDeadline.TotalDays.ToString("0.#", CultureInfo.InvariantCulture);
        return $"{context.Seller.Name} gets the proposal by email, each metric with its why, and can accept it or propose changes with a reason " +
            $"within {days} days. You will hear by email either way; a counter-proposal comes to you with a link to answer it.";
    }
}
