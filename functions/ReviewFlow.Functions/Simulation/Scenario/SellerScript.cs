using ReviewFlow.Domain.Coaching;
using ReviewFlow.Domain.Policy;

namespace ReviewFlow.Functions.Simulation.Scenario;

/// <summary>What the simulated people answer, and when, for one seller's cycle.</summary>
/// <param name="DefineAfterHours">Hours after the define request at which the manager submits the proposed targets (<c>responses.define.afterHours</c>, default 2).</param>
/// <param name="Agreement">The seller's answers to agreement requests, in order; none left means no answer (the reminder path).</param>
/// <param name="ManagerOnCounter">The manager's answers to the seller's counter-proposals, in order.</param>
/// <param name="Weekly">Check-in figures by quarter week ([0] is week 1); null, or weeks beyond the list, mean no check-in that week.</param>
/// <param name="CheckInAfterHours">Hours after a check-in request at which the seller submits it (<c>responses.checkIn.afterHours</c>, default 3).</param>
/// <param name="ExtraCheckIns">Check-ins requested outside the cadence.</param>
/// <param name="Coaching">How the coaching steps are answered, if coaching opens.</param>
public sealed record SellerScript(
    double DefineAfterHours,
    IReadOnlyList<AgreementAnswer> Agreement,
    IReadOnlyList<CounterAnswer> ManagerOnCounter,
    IReadOnlyList<IReadOnlyDictionary<string, double>?> Weekly,
    double CheckInAfterHours,
    IReadOnlyList<ExtraCheckInRequest> ExtraCheckIns,
    CoachingScript Coaching)
{
    /// <summary>Default delay of the manager's define step, in hours.</summary>
    public const double DefaultDefineAfterHours = 2;

    /// <summary>Default delay of a check-in after its request, in hours.</summary>
    public const double DefaultCheckInAfterHours = 3;

    /// <summary>The week's figures (1-based quarter week), or null when no check-in is submitted that week.</summary>
    public IReadOnlyDictionary<string, double>? WeekFigures(int week) => week >= 1 && week <= Weekly.Count ? Weekly[week - 1] : null;
}

/// <summary>A seller's answer to an agreement request: accept, or counter-propose with a reason.</summary>
/// <param name="AfterHours">Hours after the request at which the seller answers.</param>
/// <param name="Accept">Whether the seller accepts the targets as sent.</param>
/// <param name="Counter">The targets the seller proposes instead (only keys of the proposal); null when accepting.</param>
/// <param name="Reason">Why (required with a counter).</param>
public sealed record AgreementAnswer(double AfterHours, bool Accept, IReadOnlyDictionary<string, double>? Counter, string? Reason)
{
    /// <summary>Default delay of a seller's agreement answer, in hours, when the file gives none.</summary>
    public const double DefaultAfterHours = 8;
}

/// <summary>
/// The manager's answer to a counter-proposal: accept it; or revise (new targets and a reason); or neither,
/// keeping the proposal (a reason is required); after a revision or a kept proposal the seller answers again.
/// </summary>
/// <param name="AfterHours">Hours after the counter-proposal at which the manager answers.</param>
/// <param name="Accept">Whether the manager accepts the seller's counter-proposal.</param>
/// <param name="Revise">New targets the manager proposes (only keys of the proposal); null otherwise.</param>
/// <param name="Reason">Why (required when revising or keeping the proposal).</param>
public sealed record CounterAnswer(double AfterHours, bool Accept, IReadOnlyDictionary<string, double>? Revise, string? Reason)
{
    /// <summary>Default delay of a manager's answer to a counter-proposal, in hours, when the file gives none.</summary>
    public const double DefaultAfterHours = 4;

    /// <summary>Whether the manager keeps the original proposal (neither accepts nor revises).</summary>
    public bool Keep => !Accept && Revise is null;
}

/// <summary>A check-in requested outside the agreed cadence.</summary>
/// <param name="Week">Quarter week (1-based) in which it is requested.</param>
/// <param name="By">Who asks: the manager (limited by the micromanagement budget) or the seller.</param>
public sealed record ExtraCheckInRequest(int Week, RequestedBy By);

/// <summary>How the coaching steps are answered when coaching opens.</summary>
/// <param name="ReflectionAfterHours">Hours after the reflection request at which the seller submits it (default 4).</param>
/// <param name="NotesAfterHours">Hours after the coaching meeting at which the manager records the notes (default 1).</param>
/// <param name="Diagnosis">The diagnosis the manager records (default skill).</param>
/// <param name="Actions">The development actions agreed (default two sensible ones).</param>
public sealed record CoachingScript(double ReflectionAfterHours, double NotesAfterHours, DiagnosisCategory Diagnosis, IReadOnlyList<string> Actions)
{
    /// <summary>Default delay of the reflection form, in hours.</summary>
    public const double DefaultReflectionAfterHours = 4;

    /// <summary>Default delay of the manager's notes after the coaching meeting, in hours.</summary>
    public const double DefaultNotesAfterHours = 1;

    /// <summary>The actions agreed when the file names none.</summary>
    public static IReadOnlyList<string> DefaultActions { get; } =
    [
        "Shadow a senior colleague on two discovery calls and compare notes afterwards.",
        "Block two hours every Monday morning for new conversations, and review what worked at the next check-in.",
    ];

    /// <summary>The defaults: reflection after 4 hours, notes 1 hour after the meeting, a skill diagnosis, two actions.</summary>
    public static CoachingScript Default { get; } = new(DefaultReflectionAfterHours, DefaultNotesAfterHours, DiagnosisCategory.Skill, DefaultActions);
}
