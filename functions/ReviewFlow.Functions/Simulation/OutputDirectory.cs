namespace ReviewFlow.Functions.Simulation;

/// <summary>
/// Writes a run's files into a staging folder beside the output folder and moves them in only when the
/// run succeeded, so a failed or interrupted run never leaves a partial timeline behind. The output folder
/// must be new, empty, or a previous simulation's (marked), so a typo never wipes someone's files.
/// </summary>
public sealed class OutputDirectory : IDisposable
{
    private const string Marker = ".reviewflow-simulation";
    private static readonly string[] Owned = ["timeline.json", "report.html", "outbox", "calendar", Marker];
    private bool _committed;

    private OutputDirectory(string target, string staging)
    {
        Target = target;
        Staging = staging;
    }

    /// <summary>The final folder.</summary>
    public string Target { get; }

    /// <summary>The folder files are written to during the run.</summary>
    public string Staging { get; }

    /// <summary>Checks the target and creates the staging folder; throws <see cref="ArgumentException"/> naming <c>--out</c>.</summary>
    public static OutputDirectory Prepare(string outDirectory)
    {
        var target = Path.GetFullPath(outDirectory);
        if (File.Exists(target))
        {
            throw new ArgumentException($"--out: '{outDirectory}' is a file, not a folder.");
        }

        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any() && !File.Exists(Path.Combine(target, Marker)))
        {
            throw new ArgumentException($"--out: '{outDirectory}' is not empty and is not a previous simulation's folder; choose a new or empty folder.");
        }

        var parent = Path.GetDirectoryName(target) ?? throw new ArgumentException($"--out: '{outDirectory}' has no parent folder.");
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        return new OutputDirectory(target, staging);
    }

    /// <summary>Replaces the previous run's files in the target with the staged ones.</summary>
    public void Commit()
    {
        File.WriteAllText(Path.Combine(Staging, Marker), "Written by `reviewflow simulate`; the next run may replace this folder's files.\n");
        Directory.CreateDirectory(Target);
        foreach (var name in Owned)
        {
            var old = Path.Combine(Target, name);
            if (Directory.Exists(old))
            {
                Directory.Delete(old, recursive: true);
            }
            else if (File.Exists(old))
            {
                File.Delete(old);
            }
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(Staging))
        {
            var destination = Path.Combine(Target, Path.GetFileName(entry));
            if (Directory.Exists(entry))
            {
                Directory.Move(entry, destination);
            }
            else
            {
                File.Move(entry, destination);
            }
        }

        _committed = true;
        Directory.Delete(Staging, recursive: true);
    }

    /// <summary>Removes the staging folder (whatever was written to it) unless the run was committed.</summary>
    public void Dispose()
    {
        if (!_committed && Directory.Exists(Staging))
        {
            Directory.Delete(Staging, recursive: true);
        }
    }
}
