using ReviewFlow.Domain.CheckIns;
using ReviewFlow.Domain.Coaching;
using ReviewFlow.Domain.Policy;

namespace ReviewFlow.Workflows.Cycle;

/// <summary>The manager submitted the seller's expectation set (Define).</summary>
public sealed record ExpectationsSubmitted(IReadOnlyDictionary<string, double> Targets);

/// <summary>The seller answered the proposal: accept, or counter with changes and a reason (Agree).</summary>
public sealed record TargetsAnswered(bool Accept, IReadOnlyDictionary<string, double>? Counter, string? Reason);

/// <summary>The manager answered a counter: accept it, revise (new targets and a reason), or keep the proposal (a reason).</summary>
public sealed record CounterAnswered(bool Accept, IReadOnlyDictionary<string, double>? Revise, string? Reason);

/// <summary>The seller submitted the check-in form before a review (Review).</summary>
public sealed record CheckInSubmitted(CheckIn CheckIn);

/// <summary>Someone asked for a check-in outside the cadence during quarter week <paramref name="Week"/>.</summary>
public sealed record ExtraCheckInRequested(RequestedBy By, int Week);

/// <summary>The seller's answers to the reflection questions (Develop).</summary>
public sealed record ReflectionSubmitted(IReadOnlyList<string> Answers);

/// <summary>The manager's notes after the coaching conversation: the diagnosis and the agreed actions (Develop).</summary>
public sealed record CoachingNotesSubmitted(DiagnosisCategory Diagnosis, IReadOnlyList<string> Actions);

/// <summary>RevOps or the manager closes the cycle before the quarter ends: the summary goes out now.</summary>
public sealed record CloseRequested(string Reason, string By);
