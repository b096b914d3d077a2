namespace ReviewFlow.Workflows.Shared;

/// <summary>Something to do at a time while an answer is awaited (a reminder, an escalation).</summary>
internal sealed record Nudge(DateTime At, Func<Task> Act);
