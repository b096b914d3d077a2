using System.CommandLine;
using System.Globalization;

using ReviewFlow.Integrations.Email;

namespace ReviewFlow.Functions.Templates;

/// <summary>
/// <c>templates preview</c> and <c>templates check</c>: render or validate every email template with its sample model,
/// optionally with an organisation's override folder, exactly as the service would load them at start.
/// </summary>
public static class TemplatesCommand
{
    /// <summary>Where <c>preview</c> writes when <c>--out</c> is not given: the committed previews.</summary>
    public const string DefaultOut = "docs/templates";

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("templates", "Previews or checks the email templates, with an organisation's overrides if given.");
        command.Subcommands.Add(Preview());
        command.Subcommands.Add(Check());
        return command;
    }

    private static Option<string?> Overrides() => new("--overrides")
    {
        Description = "Folder of override files named {template}.{subject|text|html}.hbs (what Templates__OverridesDirectory gives the service).",
    };

    private static Command Preview()
    {
        var output = new Option<string>("--out")
        {
            Description = "Folder for {template}.html and index.html; created if missing. Other files in it are left alone.",
            DefaultValueFactory = _ => DefaultOut,
        };
        var overrides = Overrides();
        var command = new Command("preview", "Renders every template with its sample model into a page each (subject, HTML and plain text) plus index.html.")
        {
            output, overrides,
        };
        command.SetAction(parse => RunPreview(parse.GetValue(output)!, parse.GetValue(overrides), parse.InvocationConfiguration));
        return command;
    }

    private static Command Check()
    {
        var overrides = Overrides();
        var command = new Command("check", "Validates every template with its sample model, as the service does at start; exit code 2 lists the problems.")
        {
            overrides,
        };
        command.SetAction(parse => RunCheck(parse.GetValue(overrides), parse.InvocationConfiguration));
        return command;
    }

    private static int RunPreview(string outDirectory, string? overrides, InvocationConfiguration console)
    {
        var renderer = Load(overrides, console.Error);
        if (renderer is null)
        {
            return 2;
        }

        try
        {
            console.Output.WriteLine($"ReviewFlow templates preview → {outDirectory}");
            var written = PreviewWriter.Write(renderer, outDirectory);
            foreach (var file in written)
            {
                console.Output.WriteLine($"  {file.Path}  {file.Title}");
            }

            console.Output.WriteLine($"{Count(written.Count - 1)} templates and index.html written to {outDirectory}{OverrideNote(renderer)}.");
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"Could not write the previews to {outDirectory}: {e.Message}");
            return 1;
        }
    }

    private static int RunCheck(string? overrides, InvocationConfiguration console)
    {
        var renderer = Load(overrides, console.Error);
        if (renderer is null)
        {
            return 2;
        }

        console.Output.WriteLine($"{Count(EmailTemplates.All.Count)} templates OK{OverrideNote(renderer)}");
        return 0;
    }

    /// <summary>The renderer the service would build, or null after writing why it cannot be built.</summary>
    private static TemplateRenderer? Load(string? overrides, TextWriter error)
    {
        // Checked here so the message names the option the user typed, not the service's setting.
        if (overrides is not null && !Directory.Exists(overrides))
        {
            error.WriteLine($"--overrides: '{overrides}' is not an existing folder.");
            return null;
        }

        try
        {
            return new TemplateRenderer(new TemplateOptions { OverridesDirectory = overrides });
        }
        catch (InvalidOperationException e)
        {
            error.WriteLine(e.Message);
            return null;
        }
    }

    private static string OverrideNote(TemplateRenderer renderer) => renderer.OverrideFiles.Count == 0
        ? ""
        : $" (with {Count(renderer.OverrideFiles.Count)} overridden part(s): {string.Join(", ", renderer.OverrideFiles.Select(Path.GetFileName))})";

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);
}
