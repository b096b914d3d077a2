namespace ReviewFlow.Testing;

/// <summary>Files of the repository, found from the test's output folder (tests run from bin/…).</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding ReviewFlow.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path under the repository root.</summary>
    public static string Under(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReviewFlow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"ReviewFlow.sln not found above {AppContext.BaseDirectory}.");
    }
}
