using System.IO.Compression;
using System.Text.Json.Nodes;
using ReviewFlow.Functions.Hosting.Package;
using ReviewFlow.Testing;
using Xunit;

namespace ReviewFlow.Functions.Tests.Hosting.Package;

/// <summary>
/// The deployment zip, written from a small fake publish folder (a real self-contained publish is too slow for the
/// suite) plus the repository's real host.json and function folders.
/// </summary>
public sealed class PackageZipWriterTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "reviewflow-package-tests", Guid.NewGuid().ToString("N"));

    public PackageZipWriterTests() => Directory.CreateDirectory(_work);

    private string Publish => Path.Combine(_work, "publish");

    private string Zip => Path.Combine(_work, "out", "package.zip");

    private static readonly string[] FunctionFolders = [.. Directory.GetDirectories(RepositoryPaths.Under("functions"))
        .Where(d => File.Exists(Path.Combine(d, "function.json")))
        .Select(Path.GetFileName)
        .Order(StringComparer.Ordinal)!];

    private void FakePublish(params string[] extraFiles)
    {
        foreach (var file in new[] { "reviewflow", "reviewflow.dll", "reviewflow.pdb", "reviewflow.deps.json", "libcoreclr.so", "wwwroot/site.css" }.Concat(extraFiles))
        {
            var path = Path.Combine(Publish, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "content of " + file);
        }
    }

    private IReadOnlyList<string> WriteFromRepository() =>
        PackageZipWriter.Write(Publish, RepositoryPaths.Under("host.json"), RepositoryPaths.Under("functions"), Zip);

    [Fact]
    public void Write_FakePublish_PutsPublishOutputHostJsonAndFunctionFoldersAtTheRoot()
    {
        FakePublish();

        WriteFromRepository();

        using var zip = ZipFile.OpenRead(Zip);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Subset(names, new HashSet<string>(["reviewflow", "reviewflow.dll", "reviewflow.pdb", "reviewflow.deps.json", "libcoreclr.so", "wwwroot/site.css", "host.json"]));
        Assert.NotEmpty(FunctionFolders);
        Assert.All(FunctionFolders, f => Assert.Contains($"{f}/function.json", names));
        Assert.Equal(7 + FunctionFolders.Length, names.Count);
    }

    [Fact]
    public void Write_Executable_HasTheUnixRunBitAndOtherFilesDoNot()
    {
        FakePublish();

        WriteFromRepository();

        using var zip = ZipFile.OpenRead(Zip);
        Assert.Equal(Convert.ToInt32("100755", 8), Mode(zip.GetEntry("reviewflow")!));
        Assert.Equal(Convert.ToInt32("100644", 8), Mode(zip.GetEntry("reviewflow.dll")!));
        Assert.Equal(Convert.ToInt32("100644", 8), Mode(zip.GetEntry("host.json")!));
    }

    [Fact]
    public void Write_HostJsonAndFunctionJsons_AreTheRepositorysFilesUnchanged()
    {
        FakePublish();

        WriteFromRepository();

        using var zip = ZipFile.OpenRead(Zip);
        Assert.Equal(File.ReadAllText(RepositoryPaths.Under("host.json")), Text(zip, "host.json"));
        var host = JsonNode.Parse(Text(zip, "host.json"))!;
        Assert.Equal(PackageZipWriter.Executable, host["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>());
        foreach (var function in FunctionFolders)
        {
            Assert.Equal(File.ReadAllText(RepositoryPaths.Under("functions", function, "function.json")), Text(zip, $"{function}/function.json"));
            Assert.NotEmpty(JsonNode.Parse(Text(zip, $"{function}/function.json"))!["bindings"]!.AsArray());
        }
    }

    [Fact]
    public void Write_LocalSettingsTestAssembliesAndObj_AreLeftOut()
    {
        FakePublish("local.settings.json", "local.settings.sample.json", "ReviewFlow.Functions.Tests.dll", "ReviewFlow.Functions.Tests.pdb", "obj/project.assets.json", "sub/obj/x.cache");

        var written = WriteFromRepository();

        using var zip = ZipFile.OpenRead(Zip);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Equal(written, names);
        Assert.DoesNotContain(names, n => n.Contains("local.settings", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(names, n => n.Contains(".Tests.", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.StartsWith("obj/", StringComparison.Ordinal) || n.Contains("/obj/", StringComparison.Ordinal));
        Assert.Contains("reviewflow.pdb", names); // the app's own symbols stay, for readable stack traces
    }

    [Fact]
    public void Write_PublishWithoutTheExecutable_FailsSayingSo()
    {
        Directory.CreateDirectory(Publish);
        File.WriteAllText(Path.Combine(Publish, "reviewflow.dll"), "x");

        var failure = Assert.Throws<InvalidOperationException>(() => WriteFromRepository());

        Assert.Contains("no 'reviewflow' executable", failure.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Zip));
    }

    private static int Mode(ZipArchiveEntry entry) => (entry.ExternalAttributes >> 16) & 0xFFFF;

    private static string Text(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    public void Dispose()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }
}
