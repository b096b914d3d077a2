using System.Globalization;
using Spectre.Console;

namespace ReviewFlow.Functions.Simulation;

/// <summary>The end-of-run summary on the console.</summary>
internal static class SimulationSummary
{
    public static void Print(IAnsiConsole console, SimulationResult result)
    {
        var seconds = Math.Max(result.WallTime.TotalSeconds, 0.001);
        var table = new Table().AddColumns("Cycles", "Timeline entries", "Emails", "Meetings", "Episodes/s", "Activities/s", "Virtual days", "Wall time", "Peak memory");
        table.AddRow(
            result.Cycles.ToString(CultureInfo.InvariantCulture),
            result.TimelineEntries.ToString(CultureInfo.InvariantCulture),
            result.Emails.ToString(CultureInfo.InvariantCulture),
            result.Meetings.ToString(CultureInfo.InvariantCulture),
            (result.Episodes / seconds).ToString("F0", CultureInfo.InvariantCulture),
            (result.Activities / seconds).ToString("F0", CultureInfo.InvariantCulture),
            result.VirtualDays.ToString("F0", CultureInfo.InvariantCulture),
            $"{result.WallTime.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s",
            $"{(result.PeakWorkingSetBytes / (1024.0 * 1024)).ToString("F0", CultureInfo.InvariantCulture)} MiB");
        console.Write(table);
        foreach (var failure in result.Failed)
        {
            console.MarkupLine($"[red]Not completed:[/] {Markup.Escape(failure)}");
        }

        console.MarkupLine($"Wrote [bold]{Markup.Escape(Path.Combine(result.OutDirectory, "timeline.json"))}[/], report.html, outbox/ and calendar/.");
    }
}
