using ReviewFlow.Bench.Cli;

// Entry point only: the command definition lives in Cli/, the run itself in Running/.
return await BenchCommand.Create().Parse(args).InvokeAsync();
