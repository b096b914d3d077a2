using System.Text.Json.Nodes;
using ReviewFlow.Durable;
using ReviewFlow.Integrations.Journal;

namespace ReviewFlow.Functions.Web.Api;

/// <summary>A cycle in a list: who, which quarter, the engine's status and the cycle's phase.</summary>
internal sealed record CycleSummary(
    string Id, string Quarter, PersonView Seller, PersonView Manager, OrchestrationRuntimeStatus Status, string? Phase, DateTime CreatedAt, DateTime LastUpdatedAt)
{
    public static CycleSummary From(CycleRecord cycle) => new(
        cycle.Instance.InstanceId,
        cycle.Input.Profile.Quarter.Label,
        new PersonView(cycle.Input.Profile.Seller.Person.Id, cycle.Input.Profile.Seller.Person.Name),
        new PersonView(cycle.ManagerId, cycle.Input.Profile.Manager.Person.Name),
        cycle.Instance.RuntimeStatus,
        cycle.Phase,
        cycle.Instance.CreatedAt,
        cycle.Instance.LastUpdatedAt);
}

/// <summary>One cycle: its status, where it is, what was agreed, and its whole journal (the history).</summary>
internal sealed record CycleDetail(
    CycleSummary Cycle,
    string Cadence,
    IReadOnlyDictionary<string, double>? Agreed,
    int ReviewsHeld,
    bool CoachingOpen,
    DateTime? CompletedAt,
    string? Failure,
    IReadOnlyList<HistoryItem> History)
{
    public static CycleDetail From(CycleRecord cycle, IReadOnlyList<JournalEntry> journal) => new(
        CycleSummary.From(cycle),
        cycle.Input.Profile.Cadence.Name,
        cycle.Input.Progress.Agreed,
        cycle.Input.Progress.Reviews.Count,
        cycle.Input.Progress.Coaching?.IsOpen == true,
        cycle.Instance.CompletedAt,
        cycle.Instance.FailureDetails?.ErrorMessage,
        [.. journal.Select(e => new HistoryItem(e.At, e.Type, e.Data))]);
}

/// <summary>A journal entry as the history shows it (the data of each type: docs/scenarios.md).</summary>
internal sealed record HistoryItem(DateTime At, string Type, JsonObject Data);

/// <summary>Body of <c>POST /api/cycles/{id}/extra-checkins</c>.</summary>
internal sealed class ExtraCheckInRequest
{
    /// <summary>"manager" (within the micromanagement budget) or "seller" (always allowed; RevOps records it for the seller).</summary>
    public Domain.Policy.RequestedBy? By { get; set; }
}

/// <summary>Body of <c>POST /api/cycles/{id}/cancel</c>.</summary>
internal sealed class CancelRequest
{
    public const int MaxReasonLength = 500;

    public string? Reason { get; set; }
}

/// <summary>The answer to a command the cycle carries out on its own time.</summary>
internal sealed record Accepted(string Cycle, string Message, string History);
