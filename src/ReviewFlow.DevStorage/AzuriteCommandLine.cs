using System.Diagnostics;
using System.Globalization;

namespace ReviewFlow.DevStorage;

/// <summary>The exact Azurite invocation, in one place.</summary>
internal static class AzuriteCommandLine
{
    /// <summary>
    /// Azurite prints this (to stdout, even with --silent) once the table service, the last of the three it
    /// starts, has bound its port.
    /// </summary>
    public const string AllServicesListeningMarker = "Table service is successfully listening";

    /// <summary>
    /// Preloaded into Azurite's node: exit when stdin reaches end-of-file. We hold the write end of that pipe
    /// open for Azurite's lifetime, and the OS closes it when this process dies however it dies, including
    /// SIGKILL and the SIGTERM that .NET 10 no longer turns into ProcessExit. Single quotes only, so the
    /// argument needs no escaping on any platform.
    /// </summary>
    private const string ExitWithParent =
        "data:text/javascript,process.stdin.on('end',()=>process.exit(0)).on('close',()=>process.exit(0)).resume();";

    /// <summary>
    /// Azurite is run with node directly rather than through npx or a shell, so the process we start (and
    /// whose PID we report and kill) is Azurite itself.
    /// </summary>
    public static ProcessStartInfo Create(string repositoryRoot, string script, AzuritePorts ports, int? maxHeapMegabytes = null)
    {
        ProcessStartInfo info = new("node") { WorkingDirectory = repositoryRoot };
        if (maxHeapMegabytes is { } heap)
        {
            info.ArgumentList.Add($"--max-old-space-size={heap.ToString(CultureInfo.InvariantCulture)}");
        }

        // A preload, not a wrapper script, so the node process is still Azurite itself.
        info.ArgumentList.Add("--import");
        info.ArgumentList.Add(ExitWithParent);
        info.ArgumentList.Add(script);
        foreach ((string service, int port) in ports.All)
        {
            info.ArgumentList.Add($"--{service}Host");
            info.ArgumentList.Add("127.0.0.1");
            info.ArgumentList.Add($"--{service}Port");
            info.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        }

        // In-memory so nothing is written to the repository and every run starts empty; --loose and
        // --skipApiVersionCheck so newer storage SDKs are not rejected for headers Azurite does not know yet.
        foreach (string flag in (string[])["--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--silent", "--loose"])
        {
            info.ArgumentList.Add(flag);
        }

        return info;
    }
}
