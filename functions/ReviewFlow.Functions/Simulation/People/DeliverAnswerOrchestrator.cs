using System.Text.Json;
using ReviewFlow.Durable;

namespace ReviewFlow.Functions.Simulation.People;

/// <summary>An answer to raise on a cycle: the event and its payload, as JSON.</summary>
public sealed record AnswerToDeliver(string CycleId, string EventName, JsonElement Payload);

/// <summary>Started at the answer's time (a delayed start): raises the answer on the cycle, like a click on an email link would.</summary>
public sealed class DeliverAnswerOrchestrator : TaskOrchestrator<AnswerToDeliver, bool>
{
    /// <inheritdoc/>
    public override async Task<bool> RunAsync(TaskOrchestrationContext context, AnswerToDeliver input)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.CallActivityAsync(nameof(RaiseCycleEvent), input);
        return true;
    }
}

/// <summary>Raises the answer's event on the cycle.</summary>
public sealed class RaiseCycleEvent(DurableTaskClient client) : TaskActivity<AnswerToDeliver, bool>
{
    /// <inheritdoc/>
    public override async Task<bool> RunAsync(TaskActivityContext context, AnswerToDeliver input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await client.RaiseEventAsync(input.CycleId, input.EventName, input.Payload, context.CancellationToken);
        return true;
    }
}
