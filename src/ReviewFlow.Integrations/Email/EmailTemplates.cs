namespace ReviewFlow.Integrations.Email;

/// <summary>The names of every email the cycle sends.</summary>
public static class EmailTemplates
{
    /// <summary>To the manager: define the seller's expectation set (pre-filled).</summary>
    public const string DefineRequest = "define-request";

    /// <summary>To the seller: the proposed targets, with Accept / Propose changes.</summary>
    public const string AgreementProposal = "agreement-proposal";

    /// <summary>To the manager: the seller's counter-proposal as a diff, with its reason.</summary>
    public const string CounterProposal = "counter-proposal";

    /// <summary>To both: what was agreed, by whom, when.</summary>
    public const string TargetsAgreed = "targets-agreed";

    /// <summary>To the seller: the short check-in form before a review.</summary>
    public const string CheckInRequest = "checkin-request";

    /// <summary>To both: the review agenda built from the check-in.</summary>
    public const string ReviewAgenda = "review-agenda";

    /// <summary>
    /// To the seller and to the manager: the seller declined the review invitation, so ReviewFlow booked a new time
    /// (it does so once per review).
    /// </summary>
    public const string ReviewRebooked = "review-rebooked";

    /// <summary>To whoever is awaited: a gentle reminder.</summary>
    public const string Reminder = "reminder";

    /// <summary>To the manager's manager: something is still waiting on the manager.</summary>
    public const string Escalation = "escalation";

    /// <summary>To the manager: an extra check-in was refused by the budget, and why.</summary>
    public const string ExtraCheckInRefused = "extra-checkin-refused";

    /// <summary>To the seller: open reflection questions before the coaching conversation.</summary>
    public const string ReflectionRequest = "reflection-request";

    /// <summary>To the manager: question prompts for the coaching conversation, and the notes form.</summary>
    public const string CoachingPrompts = "coaching-prompts";

    /// <summary>To both: the coaching plan closed, the seller is back on track.</summary>
    public const string CoachingClosed = "coaching-closed";

    /// <summary>To the seller, manager copied: recognition for a run of reviews above plan.</summary>
    public const string Recognition = "recognition";

    /// <summary>To the seller and to the manager: the quarter's summary.</summary>
    public const string QuarterSummary = "quarter-summary";

    /// <summary>Every template name.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        DefineRequest, AgreementProposal, CounterProposal, TargetsAgreed, CheckInRequest, ReviewAgenda, ReviewRebooked,
        Reminder, Escalation, ExtraCheckInRefused, ReflectionRequest, CoachingPrompts, CoachingClosed, Recognition,
        QuarterSummary,
    ];
}
