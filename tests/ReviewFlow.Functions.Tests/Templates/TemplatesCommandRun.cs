using System.CommandLine;

using ReviewFlow.Functions.Templates;

namespace ReviewFlow.Functions.Tests.Templates;

/// <summary>Runs <c>reviewflow templates …</c> in-process, the way Program.cs wires it, capturing both streams.</summary>
public sealed record TemplatesCommandRun(int ExitCode, string Output, string Error)
{
    public static async Task<TemplatesCommandRun> InvokeAsync(params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(TemplatesCommand.Create());
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exitCode = await root.Parse(["templates", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });

        return new TemplatesCommandRun(exitCode, output.ToString(), error.ToString());
    }
}
