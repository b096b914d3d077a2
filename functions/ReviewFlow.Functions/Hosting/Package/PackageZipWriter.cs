using System.IO.Compression;

namespace ReviewFlow.Functions.Hosting.Package;

/// <summary>
/// Writes the deployment zip: the publish output at the root (the <c>reviewflow</c> executable with its unix run bit),
/// <c>host.json</c> at the root, and each function folder with its <c>function.json</c>. What only belongs on a
/// developer's machine (local settings, test assemblies, <c>obj/</c>) is left out even if it is in the folders given.
/// </summary>
internal static class PackageZipWriter
{
    /// <summary>The executable host.json names (customHandler.description.defaultExecutablePath).</summary>
    public const string Executable = "reviewflow";

    // Unix mode bits live in the high 16 bits of the entry's external attributes: regular file, rwxr-xr-x or rw-r--r--.
    private const int RegularFile = 0x8000;
    private const int ExecutableMode = RegularFile | 0b111_101_101; // 0755
    private const int FileMode = RegularFile | 0b110_100_100; // 0644

    /// <summary>Writes <paramref name="zipPath"/> (replacing it) and returns the entry names, in order.</summary>
    /// <param name="publishDirectory">The <c>dotnet publish</c> output.</param>
    /// <param name="hostJson">The root host.json.</param>
    /// <param name="functionsDirectory">The folder holding one sub-folder per function, each with its function.json.</param>
    /// <param name="zipPath">Where to write the zip.</param>
    /// <exception cref="InvalidOperationException">Something the package needs is missing.</exception>
    public static IReadOnlyList<string> Write(string publishDirectory, string hostJson, string functionsDirectory, string zipPath)
    {
        if (!File.Exists(Path.Combine(publishDirectory, Executable)))
        {
            throw new InvalidOperationException($"The publish output {publishDirectory} has no '{Executable}' executable: publish for linux-x64.");
        }

        if (!File.Exists(hostJson))
        {
            throw new InvalidOperationException($"host.json not found at {hostJson}.");
        }

        var functions = Directory.GetDirectories(functionsDirectory)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (functions.Count == 0)
        {
            throw new InvalidOperationException($"No function folders (with a function.json) under {functionsDirectory}.");
        }

        var entries = new List<(string Name, string Source)>();
        foreach (var file in Directory.EnumerateFiles(publishDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(publishDirectory, file).Replace('\\', '/');
            if (Belongs(name))
            {
                entries.Add((name, file));
            }
        }

        entries.Add(("host.json", hostJson));
        entries.AddRange(functions.Select(f => ($"{Path.GetFileName(f)}/function.json", Path.Combine(f, "function.json"))));

        var duplicate = entries.GroupBy(e => e.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two files would land at '{duplicate.Key}' in the package.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(zipPath))!);
        var partial = zipPath + ".partial";
        using (var zip = ZipFile.Open(partial, ZipArchiveMode.Create))
        {
            foreach (var (name, source) in entries)
            {
                var entry = zip.CreateEntryFromFile(source, name, CompressionLevel.Optimal);
                var mode = name == Executable ? ExecutableMode : FileMode;
                entry.ExternalAttributes = mode << 16;
            }
        }

        // A half-written zip never replaces a good one.
        File.Move(partial, zipPath, overwrite: true);
        return [.. entries.Select(e => e.Name)];
    }

    /// <summary>Whether a publish-output file goes in the package.</summary>
    private static bool Belongs(string relativeName)
    {
        var fileName = relativeName[(relativeName.LastIndexOf('/') + 1)..];
        if (relativeName.StartsWith("obj/", StringComparison.Ordinal) || relativeName.Contains("/obj/", StringComparison.Ordinal))
        {
            return false;
        }

        if (fileName.StartsWith("local.settings", StringComparison.OrdinalIgnoreCase) && fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return false; // secrets and local values, never deployed
        }

        // Test assemblies and their symbols, should a test project's output ever be published alongside.
        return !fileName.Contains(".Tests.", StringComparison.OrdinalIgnoreCase);
    }
}
