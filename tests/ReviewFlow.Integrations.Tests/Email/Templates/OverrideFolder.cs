using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Tests.Support;

namespace ReviewFlow.Integrations.Tests.Email.Templates;

/// <summary>An organisation's override folder for one test: write files into it, then build a renderer on it.</summary>
public sealed class OverrideFolder : IDisposable
{
    private readonly TempDirectory _directory = new();

    public string Path => _directory.Path;

    public OverrideFolder With(string fileName, string text)
    {
        File.WriteAllText(PathOf(fileName), text);
        return this;
    }

    public string PathOf(string fileName) => System.IO.Path.Combine(Path, fileName);

    public TemplateRenderer Renderer() => new(new TemplateOptions { OverridesDirectory = Path });

    /// <summary>The start-up error the overrides cause; fails the test if the renderer builds.</summary>
    public string Error() => Xunit.Assert.Throws<InvalidOperationException>(Renderer).Message;

    public void Dispose() => _directory.Dispose();
}
