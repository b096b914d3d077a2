using System.Text.Json.Nodes;
using ReviewFlow.Integrations.Journal;
using ReviewFlow.Workflows.Cycle;

namespace ReviewFlow.Functions.Web.Actions.Define;

/// <summary>
/// The expectation set the Define request was pre-filled with, so the page shows the same numbers as the email.
/// It follows <c>LoadPrefill</c>: last quarter's agreed targets when the request says so, otherwise the role template.
/// </summary>
internal sealed class DefinePrefill(ICycleJournal journal)
{
    /// <summary>The source <c>LoadPrefill</c> names when it falls back to the role template.</summary>
    private const string RoleTemplateSource = "the role template";

    /// <summary>Where the pre-fill came from, in the words of the email ("the role template", "2026-Q4's agreed targets").</summary>
    public static string Source(ActionContext context) =>
        context.Latest("ExpectationsRequested")?.Data["prefilledFrom"] is JsonValue value && value.TryGetValue<string>(out var source)
            ? source
            : RoleTemplateSource;

    public IReadOnlyDictionary<string, double> For(ActionContext context)
    {
        // If the request records the numbers themselves, they are the record: nothing to look up.
        var request = context.Latest("ExpectationsRequested");
        var recorded = ActionContext.Targets(request);
        if (recorded.Count > 0)
        {
            return recorded;
        }

        var profile = context.Cycle.Profile;
        if (request is not null && Source(context) != RoleTemplateSource && CycleIds.PreviousQuarterLabel(profile.Quarter.Label) is { } previous)
        {
            // IActionForm is synchronous, so this one look-up blocks (ASP.NET Core has no synchronisation context to
            // deadlock on). It is not needed once DefineStep records the pre-filled targets in the request entry.
            var entries = journal.ReadCycleAsync(CycleIds.ForSeller(previous, profile.Seller.Person.Id), CancellationToken.None).GetAwaiter().GetResult();
            var agreed = ActionContext.Targets(entries.LastOrDefault(e => e.Type == "NextQuarterPrepared"));
            if (agreed.Count > 0)
            {
                return agreed;
            }
        }

        return profile.RoleTemplate;
    }
}
