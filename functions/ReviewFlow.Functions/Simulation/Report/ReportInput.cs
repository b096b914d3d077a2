using ReviewFlow.Integrations.Journal;

namespace ReviewFlow.Functions.Simulation.Report;

/// <summary>Everything <see cref="ReportWriter"/> needs to render <c>report.html</c>.</summary>
/// <param name="Title">The page title, e.g. the scenario name.</param>
/// <param name="QuarterLabel">The quarter, e.g. "2027-Q1".</param>
/// <param name="QuarterWeeks">How many weeks the quarter has.</param>
/// <param name="Timeline">Every journal entry of the run, ordered by virtual time.</param>
/// <param name="Run">Figures about the run itself.</param>
public sealed record ReportInput(string Title, string QuarterLabel, int QuarterWeeks, IReadOnlyList<JournalEntry> Timeline, ReportRun Run);

/// <summary>Figures about one <c>simulate</c> run, shown in the report header.</summary>
/// <param name="WallTime">How long the run took in real (not virtual) time.</param>
/// <param name="Cycles">How many seller cycles ran.</param>
/// <param name="Emails">How many emails the dev outbox received.</param>
/// <param name="Meetings">How many meetings the dev calendar holds.</param>
public sealed record ReportRun(TimeSpan WallTime, int Cycles, int Emails, int Meetings);
