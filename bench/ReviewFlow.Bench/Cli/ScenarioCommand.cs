using System.CommandLine;
using System.Globalization;

using ReviewFlow.Functions.Simulation.Scenario;

namespace ReviewFlow.Bench.Cli;

/// <summary>
/// <c>scenario</c>: writes a generated simulation scenario (deterministic by seed) for <c>reviewflow simulate</c>
/// to run as a benchmark. The text is checked by the scenario loader before it is written.
/// </summary>
internal static class ScenarioCommand
{
    public static Command Create()
    {
        var sellers = new Option<int>("--sellers")
        {
            Description = "Sellers in the scenario.",
            DefaultValueFactory = _ => 1000,
        };
        var seed = new Option<int>("--seed")
        {
            Description = "Random seed: the same seed writes the same scenario.",
            DefaultValueFactory = _ => 7,
        };
        var perTeam = new Option<int>("--sellers-per-team")
        {
            Description = "Sellers per manager.",
            DefaultValueFactory = _ => 8,
        };
        var output = new Option<string>("--out")
        {
            Description = "File to write (directories are created).",
            Required = true,
        };
        foreach (var option in new[] { sellers, perTeam })
        {
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() < 1)
                {
                    result.AddError($"{result.Option.Name} must be at least 1.");
                }
            });
        }

        var command = new Command("scenario", "Write a generated simulation scenario for `reviewflow simulate --scenario`.")
        {
            sellers, seed, perTeam, output,
        };
        command.SetAction(parse =>
        {
            var count = parse.GetValue(sellers);
            var path = Path.GetFullPath(parse.GetValue(output)!);
            var json = ScenarioGenerator.Generate(count, parse.GetValue(seed), parse.GetValue(perTeam));
            var scenario = ScenarioLoader.Parse(json, path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, json);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Wrote {scenario.AllSellers.Count()} sellers in {scenario.Teams.Count} teams to {path} ({json.Length / 1024} KiB)."));
            return 0;
        });
        return command;
    }
}
