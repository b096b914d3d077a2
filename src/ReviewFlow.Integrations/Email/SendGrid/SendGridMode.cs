namespace ReviewFlow.Integrations.Email.SendGrid;

/// <summary>What ReviewFlow hands SendGrid for each email.</summary>
public enum SendGridMode
{
    /// <summary>
    /// ReviewFlow renders subject, plain text and HTML with its own templates and sends the finished content.
    /// Nothing needs to be set up in SendGrid beyond the API key and the sender.
    /// </summary>
    RenderedContent,

    /// <summary>
    /// ReviewFlow sends a SendGrid dynamic template id and the email's model as <c>dynamic_template_data</c>;
    /// SendGrid renders it. Lets the wording be edited in SendGrid without a deployment.
    /// </summary>
    DynamicTemplate,
}
