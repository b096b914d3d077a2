using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;

namespace ReviewFlow.Functions.Hosting.Package;

/// <summary>
/// <c>package</c>: the zip to deploy to the Function App: a self-contained linux-x64 publish of this executable,
/// host.json and the function folders (see <see cref="PackageZipWriter"/>).
/// </summary>
public static class PackageCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var output = new Option<string>("--out")
        {
            Description = "Where to write the zip.",
            DefaultValueFactory = _ => Path.Combine("out", "package.zip"),
        };
        var command = new Command("package", "Builds the deployment zip for Azure Functions: self-contained linux-x64 reviewflow, host.json and the function folders.")
        {
            output,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(output)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string zipPath, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;
        var root = FindRepositoryRoot();
        if (root is null)
        {
            console.MarkupLine("[red]Run package inside the ReviewFlow repository (ReviewFlow.sln not found above the current folder).[/]");
            return 2;
        }

        var publishDirectory = Path.Combine(Path.GetTempPath(), "reviewflow-package-" + Guid.NewGuid().ToString("N"));
        var clock = Stopwatch.StartNew();
        try
        {
            console.MarkupLine($"Publishing reviewflow (Release, linux-x64, self-contained) to {Markup.Escape(publishDirectory)}…");
            var exitCode = await PublishAsync(root, publishDirectory, line => console.WriteLine("  " + line), cancellationToken);
            if (exitCode != 0)
            {
                console.MarkupLine($"[red]dotnet publish failed (exit code {exitCode}); nothing was packaged.[/]");
                return 1;
            }

            var fullZip = Path.GetFullPath(zipPath);
            console.MarkupLine($"Zipping to {Markup.Escape(fullZip)}…");
            var entries = PackageZipWriter.Write(publishDirectory, Path.Combine(root, "host.json"), Path.Combine(root, "functions"), fullZip);
            var size = new FileInfo(fullZip).Length;
            console.MarkupLine($"[green]Package ready[/]: {Markup.Escape(fullZip)} ({entries.Count} files, {size / (1024.0 * 1024.0):F1} MiB) in {clock.Elapsed.TotalSeconds:F0} s.");
            return 0;
        }
        catch (InvalidOperationException e)
        {
            console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return 1;
        }
        finally
        {
            if (Directory.Exists(publishDirectory))
            {
                Directory.Delete(publishDirectory, recursive: true);
            }
        }
    }

    private static async Task<int> PublishAsync(string root, string publishDirectory, Action<string> progress, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "publish", Path.Combine("functions", "ReviewFlow.Functions", "ReviewFlow.Functions.csproj"),
            "-c", "Release", "-r", "linux-x64", "--self-contained", "true", "-p:PublishSingleFile=false",
            "-o", publishDirectory, "-nologo",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        process.OutputDataReceived += (_, e) => Report(e.Data);
        process.ErrorDataReceived += (_, e) => Report(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return process.ExitCode;

        void Report(string? line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                progress(line.Trim());
            }
        }
    }

    private static string? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReviewFlow.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
