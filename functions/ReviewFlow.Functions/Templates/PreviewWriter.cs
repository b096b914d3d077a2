using ReviewFlow.Integrations.Email;

namespace ReviewFlow.Functions.Templates;

/// <summary>Renders every template with its sample model and writes one page each plus <c>index.html</c>.</summary>
internal static class PreviewWriter
{
    /// <summary>The index page's file name.</summary>
    public const string IndexFile = "index.html";

    /// <summary>
    /// Writes the pages into <paramref name="outDirectory"/> (created if missing), overwriting earlier previews and
    /// leaving every other file alone; returns them in template order, the index last.
    /// </summary>
    public static IReadOnlyList<PreviewFile> Write(TemplateRenderer renderer, string outDirectory)
    {
        // Rendered before anything is written, so a failing template leaves the folder as it was.
        var previews = EmailTemplates.All.Select(name => Preview(renderer, name)).ToList();

        Directory.CreateDirectory(outDirectory);
        var written = new List<PreviewFile>();
        foreach (var preview in previews)
        {
            written.Add(WritePage(outDirectory, PreviewPages.FileName(preview.Name), PreviewPages.Template(preview), preview.Email.Subject));
        }

        written.Add(WritePage(outDirectory, IndexFile, PreviewPages.Index(previews), "index of every template and its subject"));
        return written;
    }

    private static TemplatePreview Preview(TemplateRenderer renderer, string template)
    {
        var model = TemplateModels.Sample(template);
        return new TemplatePreview(template, model, renderer.Render(template, model), OverriddenParts(renderer, template));
    }

    private static PreviewFile WritePage(string folder, string fileName, string html, string title)
    {
        string path = Path.Combine(folder, fileName);
        File.WriteAllText(path, html);
        return new PreviewFile(path, title);
    }

    private static IReadOnlyList<string> OverriddenParts(TemplateRenderer renderer, string template) =>
        [.. renderer.OverrideFiles
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(file => file.StartsWith(template + ".", StringComparison.Ordinal))];
}
