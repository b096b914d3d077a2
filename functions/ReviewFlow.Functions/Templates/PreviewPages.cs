using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ReviewFlow.Functions.Templates;

/// <summary>
/// The HTML of the preview pages. Everything that comes from a template or a model is encoded; the email's own HTML
/// goes into an iframe's <c>srcdoc</c>, so its styles cannot leak into the page and the page's cannot change it.
/// </summary>
internal static class PreviewPages
{
    // Lines end in \n whatever the OS, so regenerating the committed previews on Windows changes nothing.
    private const string Head = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{0}</title>
        <style>
        body {{ margin: 2rem auto; max-width: 760px; padding: 0 1rem; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2933; line-height: 1.5; }}
        .meta {{ color: #6b7280; font-size: 0.9rem; }}
        iframe {{ display: block; width: 100%; min-height: 480px; border: 1px solid #d1d5db; border-radius: 8px; }}
        pre {{ white-space: pre-wrap; background: #f4f5f7; padding: 1rem; border-radius: 8px; font-size: 0.9rem; }}
        table {{ border-collapse: collapse; width: 100%; }}
        th, td {{ text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid #e5e7eb; }}
        </style>
        </head>
        <body>

        """;

    private const string Foot = "</body>\n</html>\n";

    // Readable JSON (no \u escapes for dashes or apostrophes); it is HTML-encoded before it reaches the page.
    private static readonly JsonSerializerOptions ModelJson = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The preview page's file name for <paramref name="template"/>.</summary>
    public static string FileName(string template) => template + ".html";

    /// <summary>One template: the subject as the heading, the HTML body, then the plain text.</summary>
    public static string Template(TemplatePreview preview)
    {
        var page = new StringBuilder(Start($"{preview.Name}: {preview.Email.Subject}"));
        page.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\"><a href=\"index.html\">All templates</a> · <code>{Encode(preview.Name)}</code> · rendered with its sample model{OverrideNote(preview.OverrideFiles)}</p>\n");
        page.Append(CultureInfo.InvariantCulture, $"<h1>{Encode(preview.Email.Subject)}</h1>\n");
        page.Append("<h2>HTML version</h2>\n");
        // No allow-scripts: the email is shown, never run. allow-same-origin only lets the page size the frame to fit.
        page.Append(CultureInfo.InvariantCulture, $"<iframe title=\"HTML version of {Encode(preview.Name)}\" sandbox=\"allow-same-origin\" srcdoc=\"{Encode(preview.Email.Html)}\" ");
        page.Append("onload=\"try { this.style.height = this.contentDocument.documentElement.scrollHeight + 'px'; } catch (e) { }\"></iframe>\n");
        page.Append("<h2>Plain-text version</h2>\n");
        page.Append(CultureInfo.InvariantCulture, $"<pre>{Encode(preview.Email.Text)}</pre>\n");
        // The variables an override may use, and test data to paste into a SendGrid dynamic template.
        page.Append("<details>\n<summary>Sample model (JSON)</summary>\n");
        page.Append(CultureInfo.InvariantCulture, $"<pre>{Encode(preview.Model.ToJsonString(ModelJson).ReplaceLineEndings("\n"))}</pre>\n</details>\n");
        return page.Append(Foot).ToString();
    }

    /// <summary>Every template with its subject and a link to its page.</summary>
    public static string Index(IReadOnlyList<TemplatePreview> previews)
    {
        var page = new StringBuilder(Start("ReviewFlow email templates"));
        page.Append("<h1>ReviewFlow email templates</h1>\n");
        page.Append(CultureInfo.InvariantCulture, $"<p>{previews.Count.ToString(CultureInfo.InvariantCulture)} templates, each rendered with its sample model. ");
        page.Append("Regenerate with <code>reviewflow templates preview</code>; how to override the wording is in <code>docs/email-templates.md</code>.</p>\n");
        var overridden = previews.SelectMany(p => p.OverrideFiles).ToList();
        if (overridden.Count > 0)
        {
            page.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">Overridden parts: {Encode(string.Join(", ", overridden))}.</p>\n");
        }

        page.Append("<table>\n<tr><th>Template</th><th>Subject (sample)</th></tr>\n");
        foreach (var preview in previews)
        {
            page.Append(CultureInfo.InvariantCulture, $"<tr><td><a href=\"{Encode(FileName(preview.Name))}\"><code>{Encode(preview.Name)}</code></a></td><td>{Encode(preview.Email.Subject)}</td></tr>\n");
        }

        page.Append("</table>\n");
        return page.Append(Foot).ToString();
    }

    private static string Start(string title) =>
        string.Format(CultureInfo.InvariantCulture, Head.ReplaceLineEndings("\n"), Encode(title));

    private static string OverrideNote(IReadOnlyList<string> overrideFiles) =>
        overrideFiles.Count == 0 ? "" : $", with overrides {Encode(string.Join(", ", overrideFiles))}";

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
