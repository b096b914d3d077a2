using ReviewFlow.Integrations.Journal;

namespace ReviewFlow.Functions.Simulation.Report;

/// <summary>Where a seller's cycle is, as shown on the report's phase board.</summary>
public enum ReportPhase
{
    /// <summary>The manager has not defined the expectation set yet.</summary>
    Define,

    /// <summary>Targets are proposed and being agreed with the seller.</summary>
    Agree,

    /// <summary>Targets are agreed; reviews run at the cadence.</summary>
    Review,

    /// <summary>Coaching is open (opened and not yet closed).</summary>
    Develop,

    /// <summary>The quarter is closed.</summary>
    Closed,
}

/// <summary>Derives a seller's <see cref="ReportPhase"/> from their journal entries.</summary>
public static class ReportPhases
{
    /// <summary>
    /// The phase after the given entries (in time order): Closed once the quarter closed; Develop while coaching is open;
    /// Review once targets are agreed (or reviews have started); Agree once expectations are defined or an agreement round
    /// has started; otherwise Define. Unknown entry types are ignored.
    /// </summary>
    /// <param name="sellerEntries">One seller's entries, ordered by time.</param>
    /// <returns>The current phase.</returns>
    public static ReportPhase Derive(IEnumerable<JournalEntry> sellerEntries)
    {
        ArgumentNullException.ThrowIfNull(sellerEntries);
        var agreeing = false;
        var reviewing = false;
        var coachingOpen = false;
        var closed = false;
        foreach (var entry in sellerEntries)
        {
            switch (entry?.Type)
            {
                case "ExpectationsDefined" or "AgreementRequested" or "CounterProposed":
                    agreeing = true;
                    break;
                case "TargetsAgreed" or "ReviewHeld" or "CheckInRequested" or "CheckInSubmitted" or "RecognitionSent":
                    reviewing = true;
                    break;
                case "CoachingOpened":
                    reviewing = true;
                    coachingOpen = true;
                    break;
                case "CoachingClosed":
                    coachingOpen = false;
                    break;
                case "QuarterClosed":
                    closed = true;
                    break;
                default:
                    break;
            }
        }

        if (closed)
        {
            return ReportPhase.Closed;
        }

        if (coachingOpen)
        {
            return ReportPhase.Develop;
        }

        if (reviewing)
        {
            return ReportPhase.Review;
        }

        return agreeing ? ReportPhase.Agree : ReportPhase.Define;
    }
}
