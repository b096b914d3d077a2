namespace ReviewFlow.DevStorage;

/// <summary>Finds the repository root: the folder whose <c>package.json</c> lists Azurite.</summary>
internal static class RepositoryRootLocator
{
    public static string Find(string? start)
    {
        string[] starts = start is not null
            ? [Path.GetFullPath(start)]
            : [AppContext.BaseDirectory, Directory.GetCurrentDirectory()];

        foreach (string from in starts)
        {
            for (DirectoryInfo? dir = new(from); dir is not null; dir = dir.Parent)
            {
                if (ListsAzurite(Path.Combine(dir.FullName, "package.json")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new AzuriteStartupException(
            "Could not find the repository root: no folder at or above "
            + string.Join(" or ", starts.Select(s => $"'{s}'"))
            + " has a package.json that mentions \"azurite\". Run from inside the repository or set AzuriteOptions.RepositoryRoot.");
    }

    private static bool ListsAzurite(string packageJson)
    {
        try
        {
            // A text search is enough: the point is to skip unrelated package.json files further up, and
            // parsing would add a JSON dependency for no gain.
            return File.Exists(packageJson)
                && File.ReadAllText(packageJson).Contains("\"azurite\"", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
