namespace ReviewFlow.Integrations.Email;

/// <summary>
/// Where an organisation's own wording for the emails lives. Bound from the <c>Templates</c> section
/// (environment variable <c>Templates__OverridesDirectory</c>).
/// </summary>
public sealed class TemplateOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Templates";

    /// <summary>The setting's full name, as error messages give it.</summary>
    public const string OverridesDirectorySetting = SectionName + ":" + nameof(OverridesDirectory);

    /// <summary>
    /// Optional folder of override files named <c>{template}.{subject|text|html}.hbs</c>; each replaces that part of
    /// the embedded template, so wording can change without a rebuild. Empty or unset means no overrides.
    /// </summary>
    public string? OverridesDirectory { get; set; }
}
