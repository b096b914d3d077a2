using System.Globalization;
using Spectre.Console;

namespace ReviewFlow.Functions.Simulation;

/// <summary>The end-of-run summary on the console.</summary>
internal static class SimulationSummary
{
    public static void Print(IAnsiConsole console, SimulationResult result)
    {
        var seconds = Math.Max(result.WallTime.TotalSeconds, 0.001);
        var table = new Table().HideHeaders().AddColumns("Measure", "Value");
        table.AddRow("Cycles", result.Cycles.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Timeline entries", result.TimelineEntries.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Emails / meetings", $"{result.Emails.ToString(CultureInfo.InvariantCulture)} / {result.Meetings.ToString(CultureInfo.InvariantCulture)}");
        table.AddRow("Virtual days", result.VirtualDays.ToString("F0", CultureInfo.InvariantCulture));
        table.AddRow("Wall time", $"{result.WallTime.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s");
        table.AddRow("Episodes", $"{result.Episodes.ToString(CultureInfo.InvariantCulture)} ({(result.Episodes / seconds).ToString("F0", CultureInfo.InvariantCulture)}/s)");
        table.AddRow("Activities", $"{result.Activities.ToString(CultureInfo.InvariantCulture)} ({(result.Activities / seconds).ToString("F0", CultureInfo.InvariantCulture)}/s)");
        table.AddRow("Engine storage requests", result.EngineStorageRequests.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Peak memory (.NET)", $"{(result.PeakWorkingSetBytes / (1024.0 * 1024)).ToString("F0", CultureInfo.InvariantCulture)} MiB");
        console.Write(table);
        foreach (var failure in result.Failed)
        {
            console.MarkupLine($"[red]Not completed:[/] {Markup.Escape(failure)}");
        }

        console.MarkupLine($"Wrote [bold]{Markup.Escape(Path.Combine(result.OutDirectory, "timeline.json"))}[/], report.html, outbox/ and calendar/.");
    }
}
