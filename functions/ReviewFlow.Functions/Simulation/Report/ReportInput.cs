using ReviewFlow.Integrations.Journal;

namespace ReviewFlow.Functions.Simulation.Report;

/// <summary>Everything <see cref="ReportWriter"/> needs to render <c>report.html</c>.</summary>
/// <param name="Title">The page title, e.g. the scenario name.</param>
/// <param name="QuarterLabel">The quarter, e.g. "2027-Q1".</param>
/// <param name="QuarterWeeks">How many weeks the quarter has.</param>
/// <param name="Timeline">Every journal entry of the run, ordered by virtual time.</param>
/// <param name="Run">Figures about the run itself.</param>
/// <param name="Thresholds">The policy's status thresholds (METHOD.md's defaults when null), for chart colours and legends.</param>
public sealed record ReportInput(string Title, string QuarterLabel, int QuarterWeeks, IReadOnlyList<JournalEntry> Timeline, ReportRun Run, ReportThresholds? Thresholds = null);

/// <summary>The attainment ratios that separate below plan, on track and above plan.</summary>
/// <param name="BelowPlan">A ratio under this is below plan.</param>
/// <param name="AbovePlan">A ratio at or over this is above plan.</param>
public sealed record ReportThresholds(double BelowPlan, double AbovePlan)
{
    /// <summary>0.85 and 1.10, METHOD.md's defaults.</summary>
    public static ReportThresholds Default { get; } = new(0.85, 1.10);
}

/// <summary>Figures about one <c>simulate</c> run, shown in the report header.</summary>
/// <param name="WallTime">How long the run took in real (not virtual) time.</param>
/// <param name="Cycles">How many seller cycles ran.</param>
/// <param name="Emails">How many emails the dev outbox received.</param>
/// <param name="Meetings">How many meetings were booked (the timeline's <c>ReviewBooked</c> entries, in the dev calendar or in Graph).</param>
public sealed record ReportRun(TimeSpan WallTime, int Cycles, int Emails, int Meetings);
