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
    /// <summary>Who the audit names for steps nobody took (a deadline, the round limit).</summary>
    public const string SystemActor = "system";

    /// <summary>Round 1: the manager's proposal.</summary>
    public static TargetAgreement Propose(string managerId, IReadOnlyDictionary<string, double> targets, DateTime at)
    {
        RequirePerson(managerId, nameof(managerId));
        var proposal = CheckedTargets(targets, nameof(targets));
        return new TargetAgreement([new AgreementEntry(1, AgreementStep.Proposed, managerId, proposal, null, at)]);
    }

    /// <summary>The current round (1-based).</summary>
    public int Round => Audit.Count == 0 ? 0 : Audit[^1].Round;

    /// <summary>The manager's standing proposal.</summary>
    public IReadOnlyDictionary<string, double> Proposal
    {
        get
        {
            for (var i = Audit.Count - 1; i >= 0; i--)
            {
                if (Audit[i].Step is AgreementStep.Proposed or AgreementStep.Revised or AgreementStep.Kept)
                {
                    return Audit[i].Targets;
                }
            }

            throw new InvalidOperationException("The agreement has no proposal: start it with Propose.");
        }
    }

    /// <summary>The seller's counter waiting for the manager, or null.</summary>
    public IReadOnlyDictionary<string, double>? PendingCounter =>
        Audit.Count > 0 && Audit[^1].Step == AgreementStep.Countered ? Audit[^1].Targets : null;

    /// <summary>The agreed targets once settled, else null.</summary>
    public IReadOnlyDictionary<string, double>? Agreed =>
        Audit.Count > 0 && IsSettling(Audit[^1].Step) ? Audit[^1].Targets : null;

    /// <summary>Whether the conversation is over.</summary>
    public bool IsSettled => Agreed is not null;

    /// <summary>The seller accepts the standing proposal: settled.</summary>
    public TargetAgreement SellerAccepts(string sellerId, DateTime at)
    {
        RequirePerson(sellerId, nameof(sellerId));
        RequireOpen("accept the proposal");
        RequireNoCounter("accept the proposal");
        return Then(AgreementStep.SellerAccepted, sellerId, Proposal, null, at, Round);
    }

    /// <summary>
    /// The seller counters: <paramref name="changes"/> are merged onto the proposal (unchanged metrics stay);
    /// the reason is required; only while not settled and no counter is pending.
    /// </summary>
    public TargetAgreement SellerCounters(string sellerId, IReadOnlyDictionary<string, double> changes, string reason, DateTime at)
    {
        RequirePerson(sellerId, nameof(sellerId));
        RequireOpen("propose changes");
        RequireNoCounter("propose changes");
        RequireReason(reason, "A counter-proposal needs a reason, so the manager can understand what has changed");
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            throw new ArgumentException("A counter-proposal must change at least one target; to agree as proposed, accept instead.", nameof(changes));
        }

        var proposal = Proposal;
        var unknown = changes.Keys.Where(k => !proposal.ContainsKey(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"A counter-proposal can only change metrics in the proposal; not in it: {string.Join(", ", unknown)}.", nameof(changes));
        }

        CheckValues(changes, nameof(changes));
        var merged = new Dictionary<string, double>(proposal.Count, StringComparer.Ordinal);
        foreach (var (key, value) in proposal)
        {
            merged[key] = changes.TryGetValue(key, out var changed) ? changed : value;
        }

        return Then(AgreementStep.Countered, sellerId, merged.AsReadOnly(), reason, at, Round);
    }

    /// <summary>The manager accepts the pending counter: settled on it.</summary>
    public TargetAgreement ManagerAccepts(string managerId, DateTime at)
    {
        RequirePerson(managerId, nameof(managerId));
        RequireOpen("accept a counter-proposal");
        var counter = RequireCounter("accept it");
        return Then(AgreementStep.ManagerAccepted, managerId, counter, null, at, Round);
    }

    /// <summary>The manager answers the counter with new targets and a reason: next round.</summary>
    public TargetAgreement ManagerRevises(string managerId, IReadOnlyDictionary<string, double> targets, string reason, DateTime at)
    {
        RequirePerson(managerId, nameof(managerId));
        RequireOpen("revise the proposal");
        _ = RequireCounter("revise the proposal");
        RequireReason(reason, "A revised proposal needs a reason, so the seller can see how the counter-proposal was weighed");
        var revised = CheckedTargets(targets, nameof(targets));
        return Then(AgreementStep.Revised, managerId, revised, reason, at, Round + 1);
    }

    /// <summary>The manager keeps the standing proposal and says why: next round.</summary>
    public TargetAgreement ManagerKeeps(string managerId, string reason, DateTime at)
    {
        RequirePerson(managerId, nameof(managerId));
        RequireOpen("keep the proposal");
        _ = RequireCounter("keep the proposal");
        RequireReason(reason, "Keeping the proposal needs a reason, so the seller can see how the counter-proposal was weighed");
        return Then(AgreementStep.Kept, managerId, Proposal, reason, at, Round + 1);
    }

    /// <summary>Whether another round may start (Round &lt; <paramref name="maxRounds"/>).</summary>
    public bool CanStartAnotherRound(int maxRounds) => Round < maxRounds;

    /// <summary>No answer by the deadline: settled on the standing proposal.</summary>
    public TargetAgreement DeadlinePassed(DateTime at)
    {
        RequireOpen("settle it at the deadline");
        return Then(AgreementStep.DeadlinePassed, SystemActor, Proposal, "No answer by the deadline, so the standing proposal applies.", at, Round);
    }

    /// <summary>Rounds ran out: settled on the standing proposal.</summary>
    public TargetAgreement RoundsExhausted(DateTime at)
    {
        RequireOpen("settle it when the rounds run out");
        return Then(AgreementStep.RoundsExhausted, SystemActor, Proposal, "The agreed number of rounds ran out, so the manager's latest proposal applies.", at, Round);
    }

    private static bool IsSettling(AgreementStep step) => step is AgreementStep.SellerAccepted
        or AgreementStep.ManagerAccepted
        or AgreementStep.DeadlinePassed
        or AgreementStep.RoundsExhausted;

    private TargetAgreement Then(AgreementStep step, string by, IReadOnlyDictionary<string, double> targets, string? reason, DateTime at, int round) =>
        new([.. Audit, new AgreementEntry(round, step, by, targets, reason, at)]);

    private void RequireOpen(string action)
    {
        if (Audit.Count == 0)
        {
            throw new InvalidOperationException($"Cannot {action}: the agreement has no proposal yet.");
        }

        if (IsSettled)
        {
            throw new InvalidOperationException($"Cannot {action}: the targets are already agreed ({Audit[^1].Step} in round {Round}).");
        }
    }

    private void RequireNoCounter(string action)
    {
        if (PendingCounter is not null)
        {
            throw new InvalidOperationException($"Cannot {action}: a counter-proposal is waiting for the manager's answer.");
        }
    }

    private IReadOnlyDictionary<string, double> RequireCounter(string action) =>
        PendingCounter ?? throw new InvalidOperationException($"Cannot {action}: no counter-proposal is waiting for the manager.");

    private static void RequirePerson(string id, string parameter)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ArgumentException("The person taking this step must be named.", parameter);
        }
    }

    private static void RequireReason(string reason, string because)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException($"{because}.", nameof(reason));
        }
    }

    private static IReadOnlyDictionary<string, double> CheckedTargets(IReadOnlyDictionary<string, double> targets, string parameter)
    {
        ArgumentNullException.ThrowIfNull(targets, parameter);
        if (targets.Count == 0)
        {
            throw new ArgumentException("A proposal needs at least one target.", parameter);
        }

        CheckValues(targets, parameter);

        // A copy in the caller's order: the audit must not change if the caller's dictionary does.
        return new Dictionary<string, double>(targets, StringComparer.Ordinal).AsReadOnly();
    }

    private static void CheckValues(IReadOnlyDictionary<string, double> targets, string parameter)
    {
        var bad = targets.Where(t => !double.IsFinite(t.Value) || t.Value < 0).Select(t => t.Key).ToList();
        if (bad.Count > 0)
        {
            throw new ArgumentException($"Targets must be finite and not negative: {string.Join(", ", bad)}.", parameter);
        }
    }
}
