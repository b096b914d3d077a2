using ReviewFlow.Workflows.Cycle;

namespace ReviewFlow.Workflows.Shared;

/// <summary>
/// Unwinds a cycle from whatever it was waiting for when a <see cref="CloseRequested"/> arrives, to the close.
/// Thrown from a wait only, so it never interrupts an activity half-way.
/// </summary>
internal sealed class CycleClosing(CloseRequested request) : Exception($"The cycle was closed early: {request.Reason}")
{
    public CloseRequested Request { get; } = request;
}
