using System.Collections.Concurrent;
using System.Diagnostics;

namespace ReviewFlow.DevStorage;

/// <summary>
/// Kills still-running child processes when this process exits normally, so a test run that ends without
/// disposing its Azurite leaves no orphaned node behind. Since .NET 10, SIGTERM no longer raises
/// ProcessExit, and SIGKILL never did; for those Azurite watches its stdin instead (see
/// <see cref="AzuriteCommandLine"/>).
/// </summary>
internal static class ChildProcessReaper
{
    private static readonly ConcurrentDictionary<Process, byte> Tracked = new();

    static ChildProcessReaper()
    {
        // One handler for all children rather than one per child, so long-lived processes that start and
        // stop many servers do not pile up handlers.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
    }

    public static void Track(Process process) => Tracked.TryAdd(process, 0);

    public static void Untrack(Process process) => Tracked.TryRemove(process, out _);

    private static void KillAll()
    {
        foreach (Process process in Tracked.Keys)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
#pragma warning disable CA1031 // The process is going away; one failed kill must not stop the others.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }
}
