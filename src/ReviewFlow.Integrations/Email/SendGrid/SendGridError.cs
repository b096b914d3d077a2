namespace ReviewFlow.Integrations.Email.SendGrid;

/// <summary>One entry of the <c>errors</c> array SendGrid returns with a refused request.</summary>
/// <param name="Message">SendGrid's explanation.</param>
/// <param name="Field">The request field it is about, when SendGrid names one.</param>
public sealed record SendGridError(string Message, string? Field)
{
    /// <inheritdoc />
    public override string ToString() => Field is null ? Message : $"{Message} (field: {Field})";
}
