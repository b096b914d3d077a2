using System.CommandLine;
using ReviewFlow.Durable.Sample.Demo;

namespace ReviewFlow.Durable.Sample;

/// <summary><c>demo</c> (also the default): a quarter of seller workflows in virtual time on a fresh Azurite.</summary>
public static class DemoCommand
{
    /// <summary>Adds the demo's options and action to <paramref name="command"/> (the root command and <c>demo</c> share them).</summary>
    public static T Configure<T>(T command) where T : Command
    {
        var sellers = new Option<int>("--sellers")
        {
            Description = "Number of sellers (the first four show every path: weekly, fortnightly, late agreement, escalation).",
            DefaultValueFactory = _ => 4,
        };
        OptionRules.RequireRange(sellers, 1, 5000);
        var weeks = new Option<int>("--weeks")
        {
            Description = "Length of the quarter in weeks.",
            DefaultValueFactory = _ => 13,
        };
        OptionRules.RequireRange(weeks, 1, 26);
        var keepAzurite = new Option<bool>("--keep-azurite")
        {
            Description = "Leave Azurite running afterwards and print its connection string (Ctrl+C to stop).",
        };
        command.Options.Add(sellers);
        command.Options.Add(weeks);
        command.Options.Add(keepAzurite);
        command.SetAction((parseResult, cancellationToken) => new DemoRunner(
            parseResult.GetValue(sellers), parseResult.GetValue(weeks), parseResult.GetValue(keepAzurite)).RunAsync(cancellationToken));
        return command;
    }

    /// <summary>Builds the <c>demo</c> subcommand.</summary>
    public static Command Create() => Configure(new Command("demo", "Runs a quarter of durable seller workflows in virtual time against a fresh Azurite (the default)."));
}
