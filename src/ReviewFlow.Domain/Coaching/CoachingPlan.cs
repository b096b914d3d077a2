using System.Collections.ObjectModel;
using System.Globalization;

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
    public static CoachingPlan Open(DateTime at, string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("A coaching plan needs a reason, so the seller can see what the conversation is about.", nameof(reason));
        }

        return new CoachingPlan(at, reason, null, [], [], null);
    }

    /// <summary>Whether the plan is open.</summary>
    public bool IsOpen => ClosedAt is null;

    /// <summary>Records the diagnosis and the agreed actions (1..MaxActions, each non-blank and at most MaxActionLength); throws ArgumentException naming the problem.</summary>
    public CoachingPlan Diagnose(DiagnosisCategory diagnosis, IReadOnlyList<string> actions)
    {
        RequireOpen("record a diagnosis");
        if (!Enum.IsDefined(diagnosis))
        {
            throw new ArgumentException($"Unknown diagnosis {diagnosis}.", nameof(diagnosis));
        }

        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count == 0 || actions.Count > MaxActions)
        {
            throw new ArgumentException(
                $"A plan holds between 1 and {MaxActions.ToString(CultureInfo.InvariantCulture)} agreed actions ({actions.Count.ToString(CultureInfo.InvariantCulture)} given).",
                nameof(actions));
        }

        var agreed = new List<string>(actions.Count);
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i]?.Trim();
            var field = $"actions[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (string.IsNullOrEmpty(action))
            {
                throw new ArgumentException($"{field}: an agreed action cannot be blank.", nameof(actions));
            }

            if (action.Length > MaxActionLength)
            {
                throw new ArgumentException(
                    $"{field}: an action is at most {MaxActionLength.ToString(CultureInfo.InvariantCulture)} characters ({action.Length.ToString(CultureInfo.InvariantCulture)} given).",
                    nameof(actions));
            }

            agreed.Add(action);
        }

        return this with { Diagnosis = diagnosis, Actions = agreed.AsReadOnly() };
    }

    /// <summary>Adds a follow-up for a review held while open.</summary>
    public CoachingPlan FollowUp(DateTime at, ReviewStatus status)
    {
        RequireOpen("follow it up");
        return this with { FollowUps = [.. FollowUps, new CoachingFollowUp(at, status)] };
    }

    /// <summary>Closes the plan.</summary>
    public CoachingPlan Close(DateTime at)
    {
        RequireOpen("close it");
        if (at < OpenedAt)
        {
            throw new ArgumentException("A plan cannot close before it opened.", nameof(at));
        }

        return this with { ClosedAt = at };
    }

    /// <summary>Open questions for the seller's reflection form, the same for every seller (no diagnosis yet).</summary>
    public static IReadOnlyList<string> ReflectionQuestions => Reflection;

    /// <summary>Question prompts for the manager's coaching conversation: open questions for each category, so the manager explores before prescribing.</summary>
    public static IReadOnlyDictionary<DiagnosisCategory, IReadOnlyList<string>> ManagerPrompts => Prompts;

    // Open questions, never orders (METHOD.md rule 8): the seller reflects before anyone diagnoses.
    private static readonly IReadOnlyList<string> Reflection =
    [
        "Looking back over the last few weeks, what has changed for you, in your work or around it?",
        "What is getting in the way of the results you would like to see?",
        "What has gone well recently that we could build on?",
        "What support, from me or from anyone else, would help most right now?",
        "If you could change one thing about how the next few weeks go, what would it be?",
    ];

    // Questions per possible cause, so the manager explores each before prescribing anything.
    private static readonly ReadOnlyDictionary<DiagnosisCategory, IReadOnlyList<string>> Prompts = new Dictionary<DiagnosisCategory, IReadOnlyList<string>>
    {
        [DiagnosisCategory.Skill] =
        [
            "Which part of the sales process feels least comfortable for you at the moment?",
            "Thinking of a deal that went well recently, what did you do in it that you could repeat?",
            "What would help you build confidence there: practising together, shadowing a colleague, or something else?",
        ],
        [DiagnosisCategory.Motivation] =
        [
            "Which parts of the role are you enjoying most at the moment, and which least?",
            "How do the targets we agreed feel to you now, compared with the start of the quarter?",
            "What would make the next few weeks feel worthwhile to you?",
        ],
        [DiagnosisCategory.External] =
        [
            "What has changed in your accounts, territory or market since we agreed the targets?",
            "Which of our processes or tools are slowing you down, and where?",
            "What could I take off your plate, or raise with others, to clear the way?",
        ],
        [DiagnosisCategory.Personal] =
        [
            "How are you doing, and is there anything you would like me to know?",
            "What would make your workload feel more manageable for a while?",
            "What kind of flexibility or support would help most at the moment?",
        ],
    }.AsReadOnly();

    private void RequireOpen(string action)
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException($"Cannot {action}: the coaching plan closed at {ClosedAt!.Value.ToString("O", CultureInfo.InvariantCulture)}.");
        }
    }
}
