namespace ReviewFlow.Functions.Web.Actions;

/// <summary>What a submitted form means: the event to raise, or the problems that stop it (nothing is raised).</summary>
/// <param name="EventName">The external event the cycle waits for.</param>
/// <param name="Payload">The event's data.</param>
/// <param name="Problems">Reasons the form cannot be accepted, in words the person can act on.</param>
/// <param name="Summary">What was submitted, in one sentence, for the confirmation page.</param>
internal sealed record FormResult(string? EventName, object? Payload, IReadOnlyList<string> Problems, string Summary)
{
    public static FormResult Refused(IReadOnlyList<string> problems) => new(null, null, problems, "");

    public static FormResult Raise(string eventName, object payload, string summary) => new(eventName, payload, [], summary);
}
