using Xunit;

namespace ReviewFlow.Functions.Tests.Templates;

/// <summary>One <c>templates preview</c> run into a fresh folder, shared by the tests that only read what it wrote.</summary>
public sealed class PreviewFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reviewflow-preview-" + Guid.NewGuid().ToString("N"));

    public string Out => Path.Combine(_folder, "docs", "templates");

    public TemplatesCommandRun Run { get; private set; } = new(-1, "", "");

    public async Task InitializeAsync() => Run = await TemplatesCommandRun.InvokeAsync("preview", "--out", Out);

    public string Read(string fileName) => File.ReadAllText(Path.Combine(Out, fileName));

    public Task DisposeAsync()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }
}
