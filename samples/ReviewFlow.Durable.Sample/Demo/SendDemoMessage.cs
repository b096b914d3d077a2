using System.Collections.Concurrent;

namespace ReviewFlow.Durable.Sample.Demo;

/// <summary>Messages "sent" by the demo, keyed by idempotency key so a redelivered activity sends nothing twice.</summary>
public sealed class DemoOutbox
{
    public ConcurrentDictionary<string, DemoMessage> Sent { get; } = new();
}

/// <summary>Stands in for an email activity: records the message once per idempotency key.</summary>
public sealed class SendDemoMessage(DemoOutbox outbox) : TaskActivity<DemoMessage, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, DemoMessage input)
        => Task.FromResult(outbox.Sent.TryAdd(context.IdempotencyKey, input));
}
