using ReviewFlow.Domain.Reviews;

namespace ReviewFlow.Domain.Coaching;

/// <summary>Why a gap exists: diagnose before prescribing (METHOD.md, Develop).</summary>
public enum DiagnosisCategory
{
    /// <summary>The seller does not yet know how.</summary>
    Skill,

    /// <summary>The seller knows how but the drive is missing.</summary>
    Motivation,

    /// <summary>The market, territory, product or process is in the way.</summary>
    External,

    /// <summary>Something in the seller's life needs room.</summary>
    Personal,
}

/// <summary>A review held while coaching was open: the plan is followed up in the normal rhythm.</summary>
public sealed record CoachingFollowUp(DateTime At, ReviewStatus Status);

/// <summary>
/// A coaching plan: opened on a sustained gap, with the diagnosis and agreed actions recorded after the
/// coaching conversation, followed up at each review, closed on the exit rule. Immutable.
/// </summary>
public sealed record CoachingPlan(
    DateTime OpenedAt,
    string Reason,
    DiagnosisCategory? Diagnosis,
    IReadOnlyList<string> Actions,
    IReadOnlyList<CoachingFollowUp> FollowUps,
    DateTime? ClosedAt)
{
    /// <summary>Most actions a plan holds: a few that matter beat a list nobody follows.</summary>
    public const int MaxActions = 5;

    /// <summary>Longest action text.</summary>
    public const int MaxActionLength = 300;

    /// <summary>A new plan, not yet diagnosed.</summary>
    public static CoachingPlan Open(DateTime at, string reason) => throw new NotImplementedException();

    /// <summary>Whether the plan is open.</summary>
    public bool IsOpen => ClosedAt is null;

    /// <summary>Records the diagnosis and the agreed actions (1..MaxActions, each non-blank and at most MaxActionLength); throws ArgumentException naming the problem.</summary>
    public CoachingPlan Diagnose(DiagnosisCategory diagnosis, IReadOnlyList<string> actions) => throw new NotImplementedException();

    /// <summary>Adds a follow-up for a review held while open.</summary>
    public CoachingPlan FollowUp(DateTime at, ReviewStatus status) => throw new NotImplementedException();

    /// <summary>Closes the plan.</summary>
    public CoachingPlan Close(DateTime at) => throw new NotImplementedException();

    /// <summary>Open questions for the seller's reflection form, the same for every seller (no diagnosis yet).</summary>
    public static IReadOnlyList<string> ReflectionQuestions => throw new NotImplementedException();

    /// <summary>Question prompts for the manager's coaching conversation: open questions for each category, so the manager explores before prescribing.</summary>
    public static IReadOnlyDictionary<DiagnosisCategory, IReadOnlyList<string>> ManagerPrompts => throw new NotImplementedException();
}
