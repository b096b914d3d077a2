using ReviewFlow.Durable;
using ReviewFlow.Integrations.Journal;
using ReviewFlow.Integrations.Links;
using ReviewFlow.Workflows.Cycle;

namespace ReviewFlow.Functions.Web.Actions;

/// <summary>Loads what an action page shows from the cycle's instance (its current input) and its journal.</summary>
internal sealed class ActionContextLoader(DurableTaskClient client, ICycleJournal journal)
{
    /// <summary>The context, or the reason there is none (the page to show instead).</summary>
    public async Task<(ActionContext? Context, ActionRefusal? Refusal)> LoadAsync(ActionGrant grant, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(grant.InstanceId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return (null, ActionRefusal.CycleGone);
        }

        if (instance.IsCompleted)
        {
            return (null, ActionRefusal.CycleFinished);
        }

        if (instance.ReadInputAs<CycleInput>() is not { } cycle)
        {
            return (null, ActionRefusal.CycleGone);
        }

        // The grant names a person; it must be one of this cycle's two people (a link never moves between cycles).
        var actor = grant.PersonId == cycle.Profile.Seller.Person.Id ? cycle.Profile.Seller.Person
            : grant.PersonId == cycle.Profile.Manager.Person.Id ? cycle.Profile.Manager.Person
            : null;
        if (actor is null)
        {
            return (null, ActionRefusal.NotYours);
        }

        var entries = await journal.ReadCycleAsync(grant.InstanceId, cancellationToken);
        return (new ActionContext(grant, cycle, entries, actor), null);
    }
}
