using Microsoft.Extensions.Logging;

namespace ReviewFlow.DevStorage;

/// <summary>Progress messages, source-generated so disabled levels cost nothing.</summary>
internal static partial class DevStorageLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Azurite is not installed; running 'npm ci' in {RepositoryRoot}")]
    public static partial void RunningNpmCi(ILogger logger, string repositoryRoot);

    [LoggerMessage(Level = LogLevel.Information, Message = "'npm ci' finished in {Seconds:0.0} s")]
    public static partial void NpmCiFinished(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another process is installing Azurite; waiting for lock {LockFile}")]
    public static partial void WaitingForInstallLock(ILogger logger, string lockFile);

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting Azurite on ports {Ports} (attempt {Attempt} of {MaxAttempts})")]
    public static partial void Starting(ILogger logger, AzuritePorts ports, int attempt, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azurite could not bind its ports ({Ports}): another process took one; retrying with new ports")]
    public static partial void PortTaken(ILogger logger, AzuritePorts ports);

    [LoggerMessage(Level = LogLevel.Information, Message = "Azurite is ready (pid {ProcessId}, {Ports}) after {Milliseconds:0} ms")]
    public static partial void Ready(ILogger logger, int processId, AzuritePorts ports, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping Azurite (pid {ProcessId})")]
    public static partial void Stopping(ILogger logger, int processId);
}
