using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using ReviewFlow.DevStorage;
using ReviewFlow.Functions.Hosting;
using ReviewFlow.Functions.Simulation.Scenario;
using ReviewFlow.Integrations.Calendar.Graph;
using ReviewFlow.Integrations.Email.SendGrid;
using Spectre.Console;

namespace ReviewFlow.Functions.Simulation;

/// <summary>
/// <c>simulate</c>: a scenario's quarter in virtual time; writes timeline.json, report.html, outbox/ and calendar/.
/// <c>SendGrid__…</c> and <c>Graph__…</c> environment variables point it at SendGrid and Graph (or stubs of them) instead.
/// </summary>
public static class SimulateCommand
{
    /// <summary>The sample scenario, used when <c>--scenario</c> is not given.</summary>
    public const string DefaultScenario = "samples/leeds-team.json";

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var scenario = new Option<string>("--scenario")
        {
            Description = "The scenario file (see shared/SCENARIO.md).",
            DefaultValueFactory = _ => DefaultScenario,
        };
        var output = new Option<string>("--out")
        {
            Description = "Folder for timeline.json, report.html, outbox/ and calendar/ (the dev calendar's; none when Graph__ is set) (new, empty, or a previous simulation's).",
            DefaultValueFactory = _ => "out/simulation",
        };
        var connectionString = new Option<string?>("--connection-string")
        {
            Description = "Azure Storage connection string to run against; by default a private Azurite is started and stopped.",
        };
        var timeoutMinutes = new Option<int>("--timeout-minutes")
        {
            Description = "Give up after this many minutes of wall time.",
            DefaultValueFactory = _ => 30,
        };
        timeoutMinutes.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 24 * 60)
            {
                result.AddError("--timeout-minutes must be between 1 and 1440.");
            }
        });

        var command = new Command("simulate", "Runs a quarter for the scenario's teams in virtual time against real storage and writes what happened.")
        {
            scenario, output, connectionString, timeoutMinutes,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var environment = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            return RunAsync(
                new SimulationSettings(
                    parse.GetValue(scenario)!,
                    parse.GetValue(output)!,
                    parse.GetValue(connectionString),
                    TimeSpan.FromMinutes(parse.GetValue(timeoutMinutes)),
                    ShowProgress: true,
                    SendGrid: environment.GetSection(SendGridOptions.SectionName),
                    Graph: environment.GetSection(GraphCalendarOptions.SectionName)),
                cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(SimulationSettings settings, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;
        try
        {
            console.MarkupLine($"[bold]ReviewFlow simulate[/]: {Markup.Escape(settings.ScenarioPath)} → {Markup.Escape(settings.OutDirectory)}");
            if (settings.UsesSendGrid)
            {
                console.MarkupLine($"Email goes through SendGrid at {Markup.Escape(settings.SendGrid![nameof(SendGridOptions.ApiBaseUrl)] ?? SendGridOptions.GlobalApiBaseUrl)} (SendGrid__ApiKey is set), not to outbox/.");
            }
            settings.ValidateGraph();
            if (settings.UsesGraph)
            {
                console.MarkupLine($"Meetings go to {Markup.Escape(IntegrationSelection.GraphCalendarName(settings.Graph!))} because Graph__ settings are set, not to the dev calendar; the scenario's busy blocks become busy events in the people's Graph calendars.");
            }

            var result = await new SimulationRunner(settings, new ConsoleProgress(console)).RunAsync(cancellationToken);
            SimulationSummary.Print(console, result, settings);
            return result.Failed.Count == 0 ? 0 : 1;
        }
        catch (ScenarioException e)
        {
            console.MarkupLine($"[red]The scenario is not valid[/] ({e.Problems.Count.ToString(CultureInfo.InvariantCulture)} problem(s)); nothing was written:");
            foreach (var problem in e.Problems)
            {
                console.MarkupLine($"  - {Markup.Escape(problem)}");
            }

            return 2;
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("Invalid ", StringComparison.Ordinal))
        {
            console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/] Nothing was written.");
            return 2;
        }
        catch (ArgumentException e)
        {
            console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return 2;
        }
        catch (Exception e) when (e is AzuriteStartupException or TimeoutException)
        {
            console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/] Nothing was written.");
            return 1;
        }
    }
}
