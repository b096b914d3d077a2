namespace ReviewFlow.Bench.Measurement;

/// <summary>
/// Open sockets of a process (Linux /proc; -1 elsewhere). For Azurite that is its three listeners plus one per
/// client connection, so it shows how many connections the engine's request bursts open, each costing a
/// handshake and memory in the emulator.
/// </summary>
internal static class OpenSockets
{
    public static int Of(int processId)
    {
        var descriptors = $"/proc/{processId}/fd";
        if (!Directory.Exists(descriptors))
        {
            return -1;
        }

        try
        {
            return new DirectoryInfo(descriptors).EnumerateFileSystemInfos()
                .Count(fd => fd.LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true);
        }
        catch (Exception gone) when (gone is IOException or UnauthorizedAccessException)
        {
            return -1; // the process exited or its descriptors are not ours to read
        }
    }
}
