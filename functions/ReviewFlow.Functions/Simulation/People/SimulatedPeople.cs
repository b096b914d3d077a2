using System.Security.Cryptography;
using System.Text;
using ReviewFlow.Domain.Quarters;
using ReviewFlow.Durable;
using ReviewFlow.Functions.Simulation.Scenario;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Workflows.Cycle;

namespace ReviewFlow.Functions.Simulation.People;

/// <summary>
/// The scenario's people, reading their email: wraps the real sender (the dev outbox), and when an email asks
/// its reader for something, raises the scripted answer as a delayed event (a durable timer holds it), so it
/// arrives at the right virtual time and survives the same crashes the cycle does. The event id comes from the
/// email's idempotency key: a redelivered send raises nothing new.
/// </summary>
public sealed class SimulatedPeople(IEmailSender inner, DurableTaskClient client, Quarter quarter, IReadOnlyDictionary<string, ScenarioSeller> sellersByCycle, TimeProvider clock) : IEmailSender
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

        if (message.Template == EmailTemplates.DefineRequest && message.Action is { } define && sellersByCycle.TryGetValue(define.InstanceId, out var asking))
        {
            await ScheduleExtraCheckInsAsync(define.InstanceId, asking, cancellationToken);
        }

        return sent;
    }

    /// <summary>Raises <paramref name="answer"/> on <paramref name="cycleId"/> at its time, under <paramref name="answerId"/> (idempotent).</summary>
    public static Task ScheduleAsync(DurableTaskClient client, string cycleId, ScriptedAnswer answer, string answerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(answer);
        return client.RaiseEventAsync(
            cycleId,
            answer.EventName,
            answer.Payload,
            new DateTimeOffset(DateTime.SpecifyKind(answer.At, DateTimeKind.Utc)),
            answerId,
            cancellationToken);
    }

    /// <summary>
    /// Extra check-in requests answer no email: they arrive on the Tuesday of their week, at 10:00 UTC. They are
    /// scheduled with the cycle's first email, when the cycle is sure to exist.
    /// </summary>
    private async Task ScheduleExtraCheckInsAsync(string cycleId, ScenarioSeller seller, CancellationToken cancellationToken)
    {
        var requests = seller.Script.ExtraCheckIns;
        for (var i = 0; i < requests.Count; i++)
        {
            var at = quarter.WeekStartUtc(requests[i].Week).AddDays(1).AddHours(10);
            var request = new ScriptedAnswer(nameof(ExtraCheckInRequested), new ExtraCheckInRequested(requests[i].By, requests[i].Week), at);
            await ScheduleAsync(client, cycleId, request, $"extra-{cycleId}-{i}", cancellationToken);
        }
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..24];
}
