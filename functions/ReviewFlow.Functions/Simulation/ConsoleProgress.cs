using ReviewFlow.DevStorage;
using Spectre.Console;

namespace ReviewFlow.Functions.Simulation;

/// <summary>A spinner while storage starts, then a progress bar of finished cycles with the virtual date.</summary>
public sealed class ConsoleProgress(IAnsiConsole console) : ISimulationProgress
{
    /// <inheritdoc/>
    public Task<AzuriteServer> StartingStorageAsync(Func<Task<AzuriteServer>> start)
        => console.Status().StartAsync("Starting Azurite (installs it with npm ci on first run)...", _ => start());

    /// <inheritdoc/>
    public Task RunQuarterAsync(int cycles, Func<Action<int, DateTimeOffset>, Task> watch)
        => console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Quarter", maxValue: cycles);
                await watch((finished, now) =>
                {
                    task.Value = finished;
                    task.Description = $"Virtual time {now:ddd yyyy-MM-dd HH:mm}  cycles finished {finished}/{cycles}";
                });
            });
}
