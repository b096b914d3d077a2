using System.Diagnostics;

using Microsoft.Extensions.Logging;

namespace ReviewFlow.DevStorage;

/// <summary>
/// A cross-process lock so that test assemblies starting together do not run <c>npm ci</c> at the same
/// time (two installs into one node_modules corrupt each other). It is a file held open with
/// <see cref="FileShare.None"/>; the OS releases it when the holder exits, even if it crashes.
/// </summary>
internal sealed class InstallLock : IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

    private readonly FileStream _file;

    private InstallLock(FileStream file)
    {
        _file = file;
    }

    public static async Task<InstallLock> AcquireAsync(string path, TimeSpan maxWait, ILogger logger, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        bool toldWaiting = false;
        while (true)
        {
            try
            {
                // The file is left in place afterwards: deleting it on release would let a waiter lock the
                // old, unlinked file while a newcomer locks a fresh one, and both would install.
                return new InstallLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new AzuriteStartupException($"Cannot create the install lock file '{path}': {ex.Message}", ex);
            }
            catch (IOException ex)
            {
                if (Stopwatch.GetElapsedTime(started) > maxWait)
                {
                    throw new AzuriteStartupException(
                        $"Waited {maxWait.TotalMinutes:0} minutes for another process to finish installing Azurite (lock file '{path}'). "
                        + "If no install is running, delete the lock file.",
                        ex);
                }

                if (!toldWaiting)
                {
                    DevStorageLog.WaitingForInstallLock(logger, path);
                    toldWaiting = true;
                }

                await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
