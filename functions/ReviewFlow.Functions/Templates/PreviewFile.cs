namespace ReviewFlow.Functions.Templates;

/// <summary>A page <c>templates preview</c> wrote.</summary>
/// <param name="Path">Where it was written.</param>
/// <param name="Title">The template's rendered subject, or what the index page holds.</param>
internal sealed record PreviewFile(string Path, string Title);
