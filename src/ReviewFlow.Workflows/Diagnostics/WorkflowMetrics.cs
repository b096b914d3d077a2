using System.Diagnostics.Metrics;
using ReviewFlow.Integrations.Journal;

namespace ReviewFlow.Workflows.Diagnostics;

/// <summary>
/// The cycle's business metrics (meter <see cref="MeterName"/>). They are counted from the journal entries the
/// activities write, never from orchestrator code: orchestrators replay, so they would count the same review
/// again at every episode.
/// </summary>
public static class WorkflowMetrics
{
    /// <summary>The meter to subscribe to.</summary>
    public const string MeterName = "ReviewFlow.Workflows";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> CyclesStarted = Meter.CreateCounter<long>(
        "reviewflow.cycles.started", "{cycle}", "Seller cycles started.");

    private static readonly Counter<long> PhasesEntered = Meter.CreateCounter<long>(
        "reviewflow.cycles.phase_entered", "{cycle}", "Cycles entering a phase (define, agree, review, closed, abandoned).");

    private static readonly Counter<long> ReviewsHeld = Meter.CreateCounter<long>(
        "reviewflow.reviews.held", "{review}", "Reviews held, tagged with the status (below, onTrack, above, or noData without a check-in).");

    private static readonly Counter<long> CoachingOpened = Meter.CreateCounter<long>(
        "reviewflow.coaching.opened", "{coaching}", "Coaching opened on a sustained gap.");

    private static readonly Counter<long> CoachingClosed = Meter.CreateCounter<long>(
        "reviewflow.coaching.closed", "{coaching}", "Coaching closed once the seller is back on track.");

    private static readonly Counter<long> EmailsSent = Meter.CreateCounter<long>(
        "reviewflow.emails.sent", "{email}", "Emails sent, tagged with the template.");

    private static readonly Counter<long> Recognitions = Meter.CreateCounter<long>(
        "reviewflow.recognitions", "{recognition}", "Recognitions sent after reviews in a row above plan.");

    /// <summary>Counts what one journal entry means, if anything.</summary>
    internal static void Count(JournalEntry entry)
    {
        switch (entry.Type)
        {
            case "CycleStarted":
                CyclesStarted.Add(1);
                PhaseEntered("define");
                break;
            case "ExpectationsDefined":
                PhaseEntered("agree");
                break;
            case "TargetsAgreed":
                PhaseEntered("review");
                break;
            case "CoachingOpened":
                // Develop runs alongside the review cadence rather than replacing it: open coaching is
                // coaching.opened minus coaching.closed, not a phase of its own.
                CoachingOpened.Add(1);
                break;
            case "CoachingClosed":
                CoachingClosed.Add(1);
                break;
            case "QuarterClosed" when entry.Seller is not null:
                PhaseEntered("closed");
                break;
            case "CycleAbandoned":
                PhaseEntered("abandoned");
                break;
            case "ReviewHeld":
                ReviewsHeld.Add(1, new KeyValuePair<string, object?>("status", Text(entry, "status") ?? "noData"));
                break;
            case "EmailSent":
                EmailsSent.Add(1, new KeyValuePair<string, object?>("template", Text(entry, "template") ?? "unknown"));
                break;
            case "RecognitionSent":
                Recognitions.Add(1);
                break;
            default:
                break;
        }
    }

    private static void PhaseEntered(string phase) => PhasesEntered.Add(1, new KeyValuePair<string, object?>("phase", phase));

    private static string? Text(JournalEntry entry, string property)
        => entry.Data.TryGetPropertyValue(property, out var value) && value is not null ? value.ToString() : null;
}
