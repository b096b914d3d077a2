namespace ReviewFlow.Durable.Sample.Demo;

/// <summary>One seller of the demo team: tenure decides the cadence, <see cref="AgreesAfterHours"/> how fast they agree (null: never).</summary>
public sealed record DemoSeller(string Id, string Name, int TenureMonths, int? AgreesAfterHours);

/// <summary>
/// Input of one execution of <see cref="QuarterRhythmOrchestrator"/>. The orchestration continues as new after
/// each review period, so this carries everything the next period needs and history stays one period long.
/// </summary>
public sealed record QuarterRhythm(DemoSeller Seller, DateTime QuarterStart, int Weeks, int ReviewsHeld, int Reminders, bool Escalated, DateTime? AgreedAt);

/// <summary>What a seller's quarter amounted to.</summary>
public sealed record QuarterSummary(string Seller, string Cadence, DateTime? AgreedAt, int Reminders, bool Escalated, int ReviewsHeld, DateTime FinishedAt);

/// <summary>A message the demo "sends": recorded once per idempotency key.</summary>
public sealed record DemoMessage(string To, string Subject);
