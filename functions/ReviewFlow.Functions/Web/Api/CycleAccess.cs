using System.Text.Json;
using System.Text.RegularExpressions;
using ReviewFlow.Durable;
using ReviewFlow.Functions.Web.Auth;
using ReviewFlow.Workflows.Cycle;

namespace ReviewFlow.Functions.Web.Api;

/// <summary>A seller cycle's instance and its current input.</summary>
internal sealed record CycleRecord(OrchestrationMetadata Instance, CycleInput Input)
{
    public string ManagerId => Input.Profile.Manager.Person.Id;

    /// <summary>Where the cycle is: define (Define and Agree), review, develop (coaching open), or null once it has ended.</summary>
    public string? Phase => Instance.IsCompleted ? null
        : Input.Progress.Phase == CyclePhase.Define ? "define"
        : Input.Progress.Coaching?.IsOpen == true ? "develop"
        : "review";
}

/// <summary>Loads a cycle for a viewer: anything they may not see reads as not there, so ids are not confirmed to exist.</summary>
internal static partial class CycleAccess
{
    public static async Task<CycleRecord?> LoadAsync(DurableTaskClient client, string id, Viewer viewer, CancellationToken cancellationToken)
    {
        if (!CycleId().IsMatch(id))
        {
            return null;
        }

        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        if (instance is null || instance.Name != nameof(SellerCycleOrchestrator))
        {
            return null;
        }

        CycleInput? input;
        try
        {
            input = instance.ReadInputAs<CycleInput>();
        }
        catch (JsonException)
        {
            return null;
        }

        return input is not null && viewer.CanSeeTeam(input.Profile.Manager.Person.Id) ? new CycleRecord(instance, input) : null;
    }

    /// <summary>Instance ids as this service makes them ("cycle-2027-Q1-priya"): anything else is not looked up.</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,199}$", RegexOptions.CultureInvariant)]
    public static partial Regex InstanceId();

    [GeneratedRegex("^cycle-[A-Za-z0-9_-]{1,200}$", RegexOptions.CultureInvariant)]
    private static partial Regex CycleId();
}
