using System.Diagnostics;
using System.Reflection;

namespace ReviewFlow.Infra.Tests.Support;

/// <summary>What one run of the Bicep CLI printed.</summary>
internal sealed record BicepRun(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Every non-empty line of both streams: diagnostics, or anything else the CLI had to say.</summary>
    public IReadOnlyList<string> OutputLines(bool includeStandardOutput) =>
        (includeStandardOutput ? StandardOutput + "\n" + StandardError : StandardError)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>
/// Runs the Bicep CLI from the restored NuGet package Azure.Bicep.CommandLine.linux-x64: no az, no download, no
/// network (tracing off, and the templates use no registry modules).
/// </summary>
internal static class BicepCli
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>The executable, as the project file recorded it from the restored package.</summary>
    public static string ExecutablePath { get; } = Locate();

    public static async Task<BicepRun> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {ExecutablePath}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Limit}.");
        }

        return new BicepRun(process.ExitCode, await output, await error);
    }

    private static string Locate()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "BicepExecutable")?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The Bicep CLI is not at '{path}': restore the package Azure.Bicep.CommandLine.linux-x64 (dotnet restore).");
        }

        // Package extraction does not always keep the run bit (and the package is linux-x64 only, so Windows never gets here usefully).
        if (OperatingSystem.IsWindows())
        {
            return path;
        }

        var mode = File.GetUnixFileMode(path);
        var runnable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | runnable);
        }

        return path;
    }
}
