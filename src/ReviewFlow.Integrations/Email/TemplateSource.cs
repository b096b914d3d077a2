namespace ReviewFlow.Integrations.Email;

/// <summary>
/// Reads every part of every template: the embedded file, or the organisation's override of it from
/// <see cref="TemplateOptions.OverridesDirectory"/>. Override file names are checked strictly, because an override
/// with a typo in its name would otherwise be ignored without a word and the old wording sent.
/// </summary>
internal sealed class TemplateSource
{
    private const string ResourcePrefix = "ReviewFlow.Templates.";

    // The longest edit distance at which a misnamed override is close enough to suggest the name it was meant to have.
    private const int SuggestionDistance = 3;

    private TemplateSource(IReadOnlyList<TemplatePart> parts, IReadOnlyList<string> problems)
    {
        Parts = parts;
        Problems = problems;
    }

    /// <summary>Every part of every template in <see cref="EmailTemplates.All"/>, overrides already applied.</summary>
    public IReadOnlyList<TemplatePart> Parts { get; }

    /// <summary>One sentence per override file whose name matches no template part.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Reads the templates, applying the overrides <paramref name="options"/> points at.</summary>
    /// <exception cref="InvalidOperationException">The overrides folder is set but does not exist.</exception>
    public static TemplateSource Load(TemplateOptions options)
    {
        var problems = new List<string>();
        var overrides = string.IsNullOrWhiteSpace(options.OverridesDirectory)
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : FindOverrides(OverridesFolder(options.OverridesDirectory), problems);

        var parts = new List<TemplatePart>();
        foreach (string template in EmailTemplates.All)
        {
            foreach (string part in TemplatePart.Names)
            {
                parts.Add(overrides.TryGetValue(TemplatePart.FileName(template, part), out string? path)
                    ? new TemplatePart(template, part, File.ReadAllText(path), path)
                    : new TemplatePart(template, part, Embedded(template, part), OverridePath: null));
            }
        }

        return new TemplateSource(parts, problems);
    }

    private static string OverridesFolder(string configured)
    {
        string folder = Path.GetFullPath(configured);
        return Directory.Exists(folder)
            ? folder
            : throw new InvalidOperationException(
                $"{TemplateOptions.OverridesDirectorySetting} is '{configured}' ({folder}), which is not an existing folder. "
                + "Create it, or leave the setting empty to use the built-in templates.");
    }

    private static Dictionary<string, string> FindOverrides(string folder, List<string> problems)
    {
        var known = KnownFileNames();
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string path in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(path);
            if (known.Contains(name))
            {
                overrides.Add(name, path);
            }
            else if (LooksLikeAnOverride(name))
            {
                problems.Add(UnknownFile(path, name, known));
            }

            // Anything else (a README, the folder's .git) is not meant as a template, so it is left alone.
        }

        return overrides;
    }

    private static HashSet<string> KnownFileNames() =>
        EmailTemplates.All.SelectMany(t => TemplatePart.Names.Select(p => TemplatePart.FileName(t, p))).ToHashSet(StringComparer.Ordinal);

    private static bool LooksLikeAnOverride(string name) =>
        !name.StartsWith('.')
        && (name.EndsWith(".hbs", StringComparison.OrdinalIgnoreCase)
            || EmailTemplates.All.Any(t => name.StartsWith(t + ".", StringComparison.OrdinalIgnoreCase)));

    private static string UnknownFile(string path, string name, HashSet<string> known)
    {
        string? suggestion = known
            .Select(candidate => (candidate, distance: EditDistance.Between(name, candidate)))
            .Where(c => c.distance <= SuggestionDistance)
            .OrderBy(c => c.distance)
            .ThenBy(c => c.candidate, StringComparer.Ordinal)
            .Select(c => c.candidate)
            .FirstOrDefault();
        string hint = suggestion is not null
            ? $"did you mean '{suggestion}'?"
            : $"override files are named {{template}}.{{subject|text|html}}.hbs, the template being one of: {string.Join(", ", EmailTemplates.All)}.";
        return $"Override file '{path}' does not match any template part; {hint}";
    }

    private static string Embedded(string template, string part)
    {
        string resource = ResourcePrefix + TemplatePart.FileName(template, part);
        using var stream = typeof(TemplateSource).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Email template resource '{resource}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
