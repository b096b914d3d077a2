using System.Text.Json.Nodes;
using ReviewFlow.Domain.Metrics;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Links;
using ReviewFlow.Workflows.Cycle;
using ReviewFlow.Workflows.Shared;

namespace ReviewFlow.Workflows.Define;

/// <summary>
/// Define: ask the manager for the seller's expectation set, pre-filled; remind, then escalate to the manager's
/// own manager when configured. Without an answer by the quarter's end there is nothing to review: null.
/// </summary>
internal static class DefineStep
{
    public static async Task<IReadOnlyDictionary<string, double>?> RunAsync(CycleRun run)
    {
        // Quarters start at midnight; the request lands when the manager's working day begins.
        await run.WaitUntilAsync(CycleRun.Opening(run.Manager, run.Now));
        var prefill = await run.Context.CallActivityAsync<Prefill>(
            nameof(LoadPrefill),
            new PrefillRequest(run.Seller.Id, run.Profile.Quarter.Label, run.Profile.RoleTemplate));

        var model = run.Model(run.Manager);
        model["targets"] = Texts.Targets(prefill.Targets, run.Policy.Catalogue);
        model["prefilledFrom"] = prefill.Source;
        model["link"] = run.Link(ActionNames.Define, run.Manager);
        await run.EmailAsync(
            EmailTemplates.DefineRequest,
            run.Manager,
            model,
            nameof(ExpectationsSubmitted),
            alsoRecord: new PendingEntry("ExpectationsRequested", new JsonObject
            {
                ["to"] = run.Manager.Email,
                ["prefilledFrom"] = prefill.Source,
                ["targets"] = Texts.Numbers(prefill.Targets), // the Define page shows exactly what the email did
            }));

        var about = $"{run.Seller.Name}'s expectations for {run.Profile.Quarter.Label}";
        var submitted = await run.AwaitAsync<ExpectationsSubmitted>(
            nameof(ExpectationsSubmitted),
            ManagerNudges.For(run, about, run.Link(ActionNames.Define, run.Manager), run.Now),
            run.Profile.Quarter.EndUtc,
            answer => answer.Targets is not { Count: > 0 } targets
                ? "an expectation set needs at least one target"
                : ExpectationSet.From(targets, run.Policy.Catalogue).Validate() is { Count: > 0 } problems ? string.Join(" ", problems) : null);
        if (submitted is null)
        {
            return null;
        }

        run.Record(new PendingEntry("ExpectationsDefined", new JsonObject { ["targets"] = Texts.Numbers(submitted.Targets) }));
        return submitted.Targets;
    }
}
