using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ReviewFlow.Durable;
using ReviewFlow.Functions.Simulation.Scenario;
using ReviewFlow.Integrations.Email;

namespace ReviewFlow.Functions.Simulation.People;

/// <summary>
/// The scenario's people, reading their email: wraps the real sender (the dev outbox), and when an email asks
/// its reader for something, schedules the scripted answer as a durable delayed start, so it arrives at the
/// right virtual time and survives the same crashes the cycle does. The answer's instance id comes from the
/// email's idempotency key: a redelivered send schedules nothing new.
/// </summary>
public sealed class SimulatedPeople(IEmailSender inner, DurableTaskClient client, IReadOnlyDictionary<string, ScenarioSeller> sellersByCycle, TimeProvider clock) : IEmailSender
{
    /// <inheritdoc/>
    public async Task<SentEmail> SendAsync(EmailMessage message, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sent = await inner.SendAsync(message, idempotencyKey, cancellationToken);
        if (message.Action is { } action && sellersByCycle.TryGetValue(action.InstanceId, out var seller)
            && AnswerScript.For(seller, message, clock.GetUtcNow().UtcDateTime) is { } answer)
        {
            await ScheduleAsync(client, action.InstanceId, answer, $"answer-{Hash(idempotencyKey)}", cancellationToken);
        }

        return sent;
    }

    /// <summary>Schedules <paramref name="answer"/> for <paramref name="cycleId"/> under <paramref name="answerId"/> (idempotent).</summary>
    public static Task ScheduleAsync(DurableTaskClient client, string cycleId, ScriptedAnswer answer, string answerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(answer);
        var payload = JsonSerializer.SerializeToElement(answer.Payload, answer.Payload.GetType(), DurableJson.Options);
        return client.ScheduleNewOrchestrationInstanceAsync(
            nameof(DeliverAnswerOrchestrator),
            new AnswerToDeliver(cycleId, answer.EventName, payload),
            new StartOrchestrationOptions(answerId, new DateTimeOffset(DateTime.SpecifyKind(answer.At, DateTimeKind.Utc))),
            cancellationToken);
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..24];
}
