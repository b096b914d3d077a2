using System.Diagnostics;

using Microsoft.Extensions.Logging;

namespace ReviewFlow.DevStorage;

/// <summary>Starts Azurite on free ports, retrying with new ports when another process grabbed one first.</summary>
internal static class AzuriteLauncher
{
    private const int MaxAttempts = 3;

    /// <summary>Returns a running, answering Azurite, or throws <see cref="AzuriteStartupException"/>.</summary>
    public static async Task<(CapturedProcess Process, AzuritePorts Ports)> LaunchAsync(
        string repositoryRoot, string script, TimeSpan timeout, int? maxHeapMegabytes, ILogger logger, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        for (int attempt = 1; ; attempt++)
        {
            AzuritePorts ports = FreePorts.Allocate();
            DevStorageLog.Starting(logger, ports, attempt, MaxAttempts);

            TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
            CapturedProcess process = CapturedProcess.Start(
                AzuriteCommandLine.Create(repositoryRoot, script, ports, maxHeapMegabytes),
                line =>
                {
                    if (line.Contains(AzuriteCommandLine.AllServicesListeningMarker, StringComparison.Ordinal))
                    {
                        listening.TrySetResult();
                    }
                },
                keepStandardInputOpen: true);

            StartOutcome outcome;
            try
            {
                TimeSpan remaining = timeout - Stopwatch.GetElapsedTime(started);
                outcome = remaining > TimeSpan.Zero
                    ? await AzuriteReadiness.WaitAsync(process, ports, listening.Task, remaining, cancellationToken).ConfigureAwait(false)
                    : StartOutcome.TimedOut;
            }
            catch
            {
                await process.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            if (outcome == StartOutcome.Ready)
            {
                DevStorageLog.Ready(logger, process.Id, ports, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return (process, ports);
            }

            int? exitCode = outcome == StartOutcome.Exited ? process.ExitCode : null;
            // Disposing also waits for the output pipes to drain, so the tail below is complete.
            await process.DisposeAsync().ConfigureAwait(false);

            bool portTaken = process.Output.Contains("EADDRINUSE");
            if (outcome == StartOutcome.Exited && portTaken && attempt < MaxAttempts)
            {
                DevStorageLog.PortTaken(logger, ports);
                continue;
            }

            string what = outcome == StartOutcome.TimedOut
                ? $"did not answer on all of its ports ({ports}) within {timeout.TotalSeconds:0.##} s"
                : $"exited with code {exitCode} before it was ready (ports {ports})"
                    + (portTaken ? $"; a port was taken by another process on each of {attempt} attempts" : string.Empty);
            throw new AzuriteStartupException(
                $"Azurite ({script}) {what}. Its output:{Environment.NewLine}{process.Output.Format()}");
        }
    }
}
