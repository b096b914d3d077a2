using System.CommandLine;
using ReviewFlow.Functions.Hosting;
using ReviewFlow.Functions.Hosting.Package;
using ReviewFlow.Functions.Simulation;
using ReviewFlow.Functions.Templates;

var root = new RootCommand("ReviewFlow: the Define → Agree → Review → Develop cycle for every seller, every quarter.");
root.Subcommands.Add(SimulateCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(TemplatesCommand.Create());
root.Subcommands.Add(PackageCommand.Create());
return await root.Parse(args).InvokeAsync();
