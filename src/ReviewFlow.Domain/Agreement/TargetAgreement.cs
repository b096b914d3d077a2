namespace ReviewFlow.Domain.Agreement;

/// <summary>One step of the agreement conversation.</summary>
public enum AgreementStep
{
    /// <summary>The manager proposed the targets (round 1).</summary>
    Proposed,

    /// <summary>The seller proposed changes, with a reason.</summary>
    Countered,

    /// <summary>The seller accepted the manager's proposal.</summary>
    SellerAccepted,

    /// <summary>The manager accepted the seller's counter.</summary>
    ManagerAccepted,

    /// <summary>The manager answered a counter with new targets: a new round.</summary>
    Revised,

    /// <summary>The manager kept the proposal, explaining why: a new round.</summary>
    Kept,

    /// <summary>Nobody answered by the deadline: the standing proposal applies.</summary>
    DeadlinePassed,

    /// <summary>The bounded number of rounds ran out: the manager's latest proposal applies.</summary>
    RoundsExhausted,
}

/// <summary>One entry of the audit: who did what, with which targets, why and when.</summary>
public sealed record AgreementEntry(int Round, AgreementStep Step, string By, IReadOnlyDictionary<string, double> Targets, string? Reason, DateTime At);

/// <summary>
/// The co-creation of a seller's targets (METHOD.md, Agree): the manager proposes, the seller accepts or
/// counters with a reason, the manager accepts, revises or keeps (a new round), for a bounded number of
/// rounds. Standards are never lowered silently: every change is in the audit with its reason.
/// Immutable: every step returns the next state, so the orchestration can carry it.
/// </summary>
/// <param name="Audit">Everything that happened, oldest first.</param>
public sealed record TargetAgreement(IReadOnlyList<AgreementEntry> Audit)
{
    /// <summary>Round 1: the manager's proposal.</summary>
    public static TargetAgreement Propose(string managerId, IReadOnlyDictionary<string, double> targets, DateTime at) => throw new NotImplementedException();

    /// <summary>The current round (1-based).</summary>
    public int Round => throw new NotImplementedException();

    /// <summary>The manager's standing proposal.</summary>
    public IReadOnlyDictionary<string, double> Proposal => throw new NotImplementedException();

    /// <summary>The seller's counter waiting for the manager, or null.</summary>
    public IReadOnlyDictionary<string, double>? PendingCounter => throw new NotImplementedException();

    /// <summary>The agreed targets once settled, else null.</summary>
    public IReadOnlyDictionary<string, double>? Agreed => throw new NotImplementedException();

    /// <summary>Whether the conversation is over.</summary>
    public bool IsSettled => Agreed is not null;

    /// <summary>The seller accepts the standing proposal: settled.</summary>
    public TargetAgreement SellerAccepts(string sellerId, DateTime at) => throw new NotImplementedException();

    /// <summary>
    /// The seller counters: <paramref name="changes"/> are merged onto the proposal (unchanged metrics stay);
    /// the reason is required; only while not settled and no counter is pending.
    /// </summary>
    public TargetAgreement SellerCounters(string sellerId, IReadOnlyDictionary<string, double> changes, string reason, DateTime at) => throw new NotImplementedException();

    /// <summary>The manager accepts the pending counter: settled on it.</summary>
    public TargetAgreement ManagerAccepts(string managerId, DateTime at) => throw new NotImplementedException();

    /// <summary>The manager answers the counter with new targets and a reason: next round.</summary>
    public TargetAgreement ManagerRevises(string managerId, IReadOnlyDictionary<string, double> targets, string reason, DateTime at) => throw new NotImplementedException();

    /// <summary>The manager keeps the standing proposal and says why: next round.</summary>
    public TargetAgreement ManagerKeeps(string managerId, string reason, DateTime at) => throw new NotImplementedException();

    /// <summary>Whether another round may start (Round &lt; <paramref name="maxRounds"/>).</summary>
    public bool CanStartAnotherRound(int maxRounds) => throw new NotImplementedException();

    /// <summary>No answer by the deadline: settled on the standing proposal.</summary>
    public TargetAgreement DeadlinePassed(DateTime at) => throw new NotImplementedException();

    /// <summary>Rounds ran out: settled on the standing proposal.</summary>
    public TargetAgreement RoundsExhausted(DateTime at) => throw new NotImplementedException();
}
