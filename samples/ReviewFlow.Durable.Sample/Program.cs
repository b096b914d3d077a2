using System.CommandLine;
using ReviewFlow.Durable.Sample;

// One executable, one subcommand per scenario, so each keeps its own options and the crash-safety test can
// run the worker on its own.
var root = new RootCommand("ReviewFlow durable engine sample.")
{
    WorkerCommand.Create(),
    DemoCommand.Create(),
};

// The worker stops gracefully on SIGTERM or Ctrl+C; give it longer than the 2 s default to finish.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(15) });
