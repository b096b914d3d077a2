namespace ReviewFlow.Integrations.Email;

/// <summary>A template rendered with its model.</summary>
/// <param name="Subject">Subject line (plain text, one line).</param>
/// <param name="Text">The plain-text body.</param>
/// <param name="Html">The HTML body, every data value encoded.</param>
public sealed record RenderedEmail(string Subject, string Text, string Html);
