namespace ReviewFlow.Functions.Simulation.People;

/// <summary>An answer a simulated person gives: which event, with what payload, when.</summary>
public sealed record ScriptedAnswer(string EventName, object Payload, DateTime At);
