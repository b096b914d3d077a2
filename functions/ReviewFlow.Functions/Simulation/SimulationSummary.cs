using System.Globalization;
using Spectre.Console;

namespace ReviewFlow.Functions.Simulation;

/// <summary>The end-of-run summary on the console.</summary>
internal static class SimulationSummary
{
    // What a reader checks first: did the method's rules fire where the scenario says they should?
    private static readonly (string Label, string Type)[] Behaviours =
    [
        ("Counter-proposals", "CounterProposed"),
        ("Reminders / escalations", "ReminderSent"),
        ("Reviews held", "ReviewHeld"),
        ("Coaching opened / closed", "CoachingOpened"),
        ("Recognitions", "RecognitionSent"),
        ("Extra check-ins booked", "ExtraCheckInBooked"),
        ("Extra check-ins refused", "ExtraCheckInRefused"),
        ("Answers rejected", "AnswerRejected"),
    ];

    private static string Count(SimulationResult result, string type) => result.Outcomes.GetValueOrDefault(type).ToString(CultureInfo.InvariantCulture);

    private static string? Partner(string type) => type switch
    {
        "ReminderSent" => "Escalated",
        "CoachingOpened" => "CoachingClosed",
        _ => null,
    };

    public static void Print(IAnsiConsole console, SimulationResult result, SimulationSettings settings)
    {
        var seconds = Math.Max(result.WallTime.TotalSeconds, 0.001);
        var table = new Table().HideHeaders().AddColumns("Measure", "Value");
        table.AddRow("Cycles", result.Cycles.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Timeline entries", result.TimelineEntries.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Emails / meetings", $"{result.Emails.ToString(CultureInfo.InvariantCulture)} / {result.Meetings.ToString(CultureInfo.InvariantCulture)}");
        table.AddRow("Virtual days", $"{result.VirtualDays.ToString("F0", CultureInfo.InvariantCulture)} ({result.TimeSteps.ToString(CultureInfo.InvariantCulture)} time steps)");
        table.AddRow("Wall time", $"{result.WallTime.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s");
        table.AddRow("Episodes", $"{result.Episodes.ToString(CultureInfo.InvariantCulture)} ({(result.Episodes / seconds).ToString("F0", CultureInfo.InvariantCulture)}/s)");
        table.AddRow("Activities", $"{result.Activities.ToString(CultureInfo.InvariantCulture)} ({(result.Activities / seconds).ToString("F0", CultureInfo.InvariantCulture)}/s)");
        table.AddRow("Engine storage requests", result.EngineStorageRequests.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Peak memory (.NET)", $"{(result.PeakWorkingSetBytes / (1024.0 * 1024)).ToString("F0", CultureInfo.InvariantCulture)} MiB");
        foreach (var (label, type) in Behaviours)
        {
            var count = Count(result, type);
            table.AddRow(label, Partner(type) is { } partner ? $"{count} / {Count(result, partner)}" : count);
        }
        console.Write(table);
        foreach (var failure in result.Failed)
        {
            console.MarkupLine($"[red]Not completed:[/] {Markup.Escape(failure)}");
        }

        // Only the folders this run filled: SendGrid and Graph hold the emails and meetings they carried.
        List<string> written = [$"[bold]{Markup.Escape(Path.Combine(result.OutDirectory, "timeline.json"))}[/]", "report.html"];
        if (!settings.UsesSendGrid)
        {
            written.Add("outbox/");
        }

        if (!settings.UsesGraph)
        {
            written.Add("calendar/");
        }

        console.MarkupLine($"Wrote {string.Join(", ", written[..^1])} and {written[^1]}.");
        if (settings.UsesGraph)
        {
            console.MarkupLine($"The {result.Meetings.ToString(CultureInfo.InvariantCulture)} meetings are in Microsoft Graph; timeline.json has each one's Graph event id.");
        }
    }
}
