using System.Diagnostics;

using Microsoft.Extensions.Logging;

namespace ReviewFlow.DevStorage;

/// <summary>
/// Makes sure Azurite is present in the repository's node_modules, running <c>npm ci</c> once if it is not,
/// so a fresh clone can run tests without a manual install step.
/// </summary>
internal static class AzuriteInstaller
{
    private const string LockFileName = ".azurite-install.lock";

    // A cold npm cache on a slow network can take minutes; the startup timeout is for Azurite itself.
    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(10);

    public static string ScriptPath(string repositoryRoot)
        => Path.Combine(repositoryRoot, "node_modules", "azurite", "dist", "src", "azurite.js");

    /// <summary>Returns the path of Azurite's entry script, installing it first if needed.</summary>
    public static async Task<string> EnsureInstalledAsync(string repositoryRoot, ILogger logger, CancellationToken cancellationToken)
    {
        string script = ScriptPath(repositoryRoot);
        if (File.Exists(script))
        {
            return script;
        }

        // Waiters may have to sit out a whole install by another process, plus a margin.
        TimeSpan lockWait = NpmTimeout + TimeSpan.FromMinutes(1);
        using (await InstallLock.AcquireAsync(Path.Combine(repositoryRoot, LockFileName), lockWait, logger, cancellationToken).ConfigureAwait(false))
        {
            // Whoever held the lock before us may have just installed it.
            if (File.Exists(script))
            {
                return script;
            }

            await RunNpmCiAsync(repositoryRoot, logger, cancellationToken).ConfigureAwait(false);
        }

        return File.Exists(script)
            ? script
            : throw new AzuriteStartupException(
                $"'npm ci' succeeded in '{repositoryRoot}' but '{script}' is still missing. Is \"azurite\" in package.json and package-lock.json?");
    }

    private static async Task RunNpmCiAsync(string repositoryRoot, ILogger logger, CancellationToken cancellationToken)
    {
        DevStorageLog.RunningNpmCi(logger, repositoryRoot);
        long started = Stopwatch.GetTimestamp();

        // On Windows npm is a batch file, which must be named with its extension to be found on PATH.
        ProcessStartInfo info = new(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            WorkingDirectory = repositoryRoot,
            ArgumentList = { "ci", "--no-audit", "--no-fund" },
        };

        await using CapturedProcess npm = CapturedProcess.Start(info);
        try
        {
            await npm.Exited.WaitAsync(NpmTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new AzuriteStartupException(
                $"'npm ci' in '{repositoryRoot}' did not finish within {NpmTimeout.TotalMinutes:0} minutes. Its output:{Environment.NewLine}{npm.Output.Format()}",
                ex);
        }

        if (npm.ExitCode != 0)
        {
            throw new AzuriteStartupException(
                $"'npm ci --no-audit --no-fund' failed in '{repositoryRoot}' with exit code {npm.ExitCode}. Its output:{Environment.NewLine}{npm.Output.Format()}");
        }

        DevStorageLog.NpmCiFinished(logger, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}
