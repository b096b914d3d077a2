using System.CommandLine;
using ReviewFlow.Functions.Simulation;

var root = new RootCommand("ReviewFlow: the Define → Agree → Review → Develop cycle for every seller, every quarter.");
root.Subcommands.Add(SimulateCommand.Create());
return await root.Parse(args).InvokeAsync();
