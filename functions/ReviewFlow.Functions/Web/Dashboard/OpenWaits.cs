using System.Globalization;

using ReviewFlow.Functions.Simulation.Report;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Journal;

namespace ReviewFlow.Functions.Web.Dashboard;

/// <summary>What ReviewFlow can be waiting for in a cycle.</summary>
internal enum WaitKind
{
    /// <summary>The manager's expectation set (Define).</summary>
    Define,

    /// <summary>The seller's answer to the proposed targets.</summary>
    Agreement,

    /// <summary>The manager's answer to the seller's counter-proposal.</summary>
    Counter,

    /// <summary>The seller's check-in before a review.</summary>
    CheckIn,

    /// <summary>The seller's reflection before a coaching conversation.</summary>
    Reflection,

    /// <summary>The manager's notes after a coaching conversation.</summary>
    CoachingNotes,
}

/// <summary>Something ReviewFlow is waiting for from one person, since when, and how often it has had to remind them.</summary>
/// <param name="Kind">What is awaited.</param>
/// <param name="FromManager">True when the manager owes it, false for the seller.</param>
/// <param name="Text">In words, with names: "Mark to answer Priya's counter-proposal (round 1)".</param>
/// <param name="Since">When it was asked for.</param>
/// <param name="Reminders">Reminders sent about it.</param>
/// <param name="Escalated">True once it was escalated to the manager's manager.</param>
internal sealed record PendingAction(WaitKind Kind, bool FromManager, string Text, DateTime Since, int Reminders, bool Escalated);

/// <summary>
/// Follows a cycle's journal, entry by entry, keeping the waits that are still open: each request entry opens one,
/// the answer (or the step moving on without it) closes it. The journal has no "wait ended" entry of its own, so a
/// wait also closes when the cycle shows it has gone past it (a review held, the next review booked, the cycle ended).
/// </summary>
internal sealed class OpenWaits
{
    private readonly List<Wait> _open = [];

    public void Apply(JournalEntry entry)
    {
        switch (entry.Type)
        {
            case "ExpectationsRequested":
                Open(WaitKind.Define, entry.At, null);
                break;
            case "ExpectationsDefined":
                Close(WaitKind.Define);
                break;
            case "AgreementRequested":
                Close(WaitKind.Define, WaitKind.Counter);
                Open(WaitKind.Agreement, entry.At, Round(entry));
                break;
            case "CounterProposed":
                Close(WaitKind.Agreement);
                Open(WaitKind.Counter, entry.At, Round(entry));
                break;
            case "TargetsAgreed":
                Close(WaitKind.Define, WaitKind.Agreement, WaitKind.Counter);
                break;
            case "CheckInRequested":
                Open(WaitKind.CheckIn, entry.At, Fmt.Weeks(JsonRead.Ints(entry.Data, "weeks")));
                break;
            case "CheckInSubmitted":
                Close(WaitKind.CheckIn);
                break;
            case "ReviewHeld":
                // A review is held with or without the check-in; coaching waits of an earlier period are over by then.
                Close(WaitKind.CheckIn, WaitKind.Reflection, WaitKind.CoachingNotes);
                break;
            case "ReflectionRequested":
                Open(WaitKind.Reflection, entry.At, null);
                break;
            case "ReflectionSubmitted":
                Close(WaitKind.Reflection);
                break;
            case "EmailSent" when JsonRead.Str(entry.Data, "template") == EmailTemplates.CoachingPrompts:
                // The prompts go out once the reflection wait is over (with or without it) and ask for the notes.
                Close(WaitKind.Reflection);
                Open(WaitKind.CoachingNotes, entry.At, null);
                break;
            case "CoachingPlanRecorded" or "CoachingClosed":
                Close(WaitKind.CoachingNotes);
                break;
            case "ReviewBooked" when JsonRead.Str(entry.Data, "kind") is null or "review":
                // The next period's review is only booked once the coaching step before it has finished waiting.
                Close(WaitKind.CoachingNotes);
                break;
            case "ReminderSent" or "Escalated":
                // Reminders are about whatever is awaited now: the wait opened last.
                if (_open.Count > 0)
                {
                    var last = _open[^1];
                    _open[^1] = entry.Type == "Escalated" ? last with { Escalated = true } : last with { Reminders = last.Reminders + 1 };
                }

                break;
            case "QuarterClosed" or "CycleCancelled" or "CycleAbandoned":
                _open.Clear();
                break;
            default:
                break;
        }
    }

    /// <summary>True while <paramref name="kind"/> is awaited.</summary>
    public bool IsOpen(WaitKind kind) => _open.Any(w => w.Kind == kind);

    /// <summary>True when ReviewFlow has reminded or escalated about an open <paramref name="kind"/>.</summary>
    public bool IsNudged(WaitKind kind) => _open.Any(w => w.Kind == kind && (w.Reminders > 0 || w.Escalated));

    /// <summary>The open waits in the order they were opened, in words.</summary>
    public IReadOnlyList<PendingAction> Describe(string sellerName, string managerName) =>
        [.. _open.Select(w => new PendingAction(w.Kind, FromManager(w.Kind), Text(w, sellerName, managerName), w.Since, w.Reminders, w.Escalated))];

    private static bool FromManager(WaitKind kind) => kind is WaitKind.Define or WaitKind.Counter or WaitKind.CoachingNotes;

    private static string Text(Wait wait, string seller, string manager) => wait.Kind switch
    {
        WaitKind.Define => $"{manager} to define {seller}'s targets",
        WaitKind.Agreement => $"{seller} to accept the proposed targets or propose changes{RoundText(wait.Detail)}",
        WaitKind.Counter => $"{manager} to answer {seller}'s counter-proposal{RoundText(wait.Detail)}",
        WaitKind.CheckIn => $"{seller}'s check-in for {wait.Detail}",
        WaitKind.Reflection => $"{seller}'s reflection before the coaching conversation",
        _ => $"{manager}'s notes from the coaching conversation",
    };

    private static string RoundText(string? round) => round is null ? "" : $" (round {round})";

    private static string? Round(JournalEntry entry) =>
        JsonRead.Int(entry.Data, "round") is { } round ? round.ToString(CultureInfo.InvariantCulture) : null;

    private void Open(WaitKind kind, DateTime at, string? detail)
    {
        Close(kind);
        _open.Add(new Wait(kind, at, detail, 0, false));
    }

    private void Close(params WaitKind[] kinds) => _open.RemoveAll(w => kinds.Contains(w.Kind));

    private sealed record Wait(WaitKind Kind, DateTime Since, string? Detail, int Reminders, bool Escalated);
}
