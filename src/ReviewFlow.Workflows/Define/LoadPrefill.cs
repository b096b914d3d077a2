using ReviewFlow.Durable;
using ReviewFlow.Integrations.Journal;
using ReviewFlow.Workflows.Cycle;

namespace ReviewFlow.Workflows.Define;

/// <summary>Where the Define pre-fill comes from.</summary>
public sealed record PrefillRequest(string SellerId, string QuarterLabel, IReadOnlyDictionary<string, double> RoleTemplate);

/// <summary>The pre-filled expectation set and a sentence saying where it came from.</summary>
public sealed record Prefill(IReadOnlyDictionary<string, double> Targets, string Source);

/// <summary>
/// Pre-fills the manager's Define form with last quarter's agreed targets when the seller had a cycle then,
/// otherwise with the role template: the manager adjusts rather than starts from a blank page.
/// </summary>
public sealed class LoadPrefill(ICycleJournal journal) : TaskActivity<PrefillRequest, Prefill>
{
    /// <inheritdoc/>
    public override async Task<Prefill> RunAsync(TaskActivityContext context, PrefillRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        if (CycleIds.PreviousQuarterLabel(input.QuarterLabel) is { } previous)
        {
            var entries = await journal.ReadCycleAsync(CycleIds.ForSeller(previous, input.SellerId), context.CancellationToken);
            var prepared = entries.LastOrDefault(e => e.Type == "NextQuarterPrepared");
            if (prepared?.Data["targets"] is System.Text.Json.Nodes.JsonObject targets)
            {
                return new Prefill(targets.ToDictionary(p => p.Key, p => p.Value!.GetValue<double>()), $"{previous}'s agreed targets");
            }
        }

        return new Prefill(input.RoleTemplate, "the role template");
    }
}
