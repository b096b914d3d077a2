using System.CommandLine;
using ReviewFlow.Durable.Sample;

// One executable, one subcommand per scenario; with no subcommand it runs the demo.
var root = DemoCommand.Configure(new RootCommand("ReviewFlow durable engine sample: a quarter of workflows in virtual time (default), or a standalone worker."));
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(WorkerCommand.Create());

// The worker stops gracefully on SIGTERM or Ctrl+C; give it longer than the 2 s default to finish.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(15) });
