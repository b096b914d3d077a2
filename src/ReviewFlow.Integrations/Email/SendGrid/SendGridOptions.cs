using System.ComponentModel.DataAnnotations;

namespace ReviewFlow.Integrations.Email.SendGrid;

/// <summary>
/// Settings of the SendGrid email sender (configuration section <c>SendGrid</c>; as environment variables
/// <c>SendGrid__ApiKey</c>, <c>SendGrid__From__Email</c>, …). See <c>docs/sendgrid.md</c>.
/// </summary>
public sealed class SendGridOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "SendGrid";

    /// <summary>SendGrid's global API host.</summary>
    public const string GlobalApiBaseUrl = "https://api.sendgrid.com";

    /// <summary>SendGrid's API host for EU data residency (the account must be an EU regional subuser).</summary>
    public const string EuApiBaseUrl = "https://api.eu.sendgrid.com";

    /// <summary>
    /// The API key (<c>SG.…</c>), with the "Mail Send" permission only. Comes from configuration; on Azure, from a
    /// Key Vault reference. Never logged and never part of an error message.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>The sender of every email: a verified single sender, or an address on an authenticated domain.</summary>
    public EmailAddress? From { get; set; }

    /// <summary>Send rendered content (default) or SendGrid dynamic templates.</summary>
    public SendGridMode Mode { get; set; } = SendGridMode.RenderedContent;

    /// <summary>
    /// Dynamic template id (<c>d-…</c>) per template name, e.g. <c>SendGrid:TemplateIds:agreement-proposal</c>.
    /// Required for every name in <see cref="EmailTemplates.All"/> in <see cref="SendGridMode.DynamicTemplate"/>
    /// mode. Names also match without their dashes and case (<c>agreement_proposal</c>, <c>AgreementProposal</c>),
    /// because app settings on Linux cannot contain a dash.
    /// </summary>
    public Dictionary<string, string> TemplateIds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Scheme and host of the API, without a path: <see cref="GlobalApiBaseUrl"/> (default) or
    /// <see cref="EuApiBaseUrl"/>. Plain http is accepted only for a loopback host (test stubs).
    /// </summary>
    public string ApiBaseUrl { get; set; } = GlobalApiBaseUrl;

    /// <summary>Table that records which idempotency keys were sent (the exactly-once guard).</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "SentLogTableName must be 3-63 letters or digits, starting with a letter.")]
    public string SentLogTableName { get; set; } = "ReviewFlowSentLog";

    /// <summary>Retries after the first request when SendGrid answers 429 or 5xx (or cannot be reached); 0 to 8.</summary>
    [Range(0, 8, ErrorMessage = "MaxRetries must be between 0 and 8.")]
    public int MaxRetries { get; set; } = 4;

    /// <summary>First retry delay; each further one doubles, with jitter. Tests shorten it.</summary>
    internal TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait for one answer from SendGrid.</summary>
    internal TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest time one send may take, retries and their delays included; must stay below <see cref="ClaimLease"/>.</summary>
    internal TimeSpan SendTimeout { get; set; } = TimeSpan.FromMinutes(4);

    /// <summary>
    /// How long a "Sending" claim keeps other attempts away. Longer than <see cref="SendTimeout"/>, so an older
    /// claim can only belong to an attempt that died.
    /// </summary>
    internal TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The dynamic template id configured for <paramref name="template"/>, matching the name exactly (ignoring
    /// case) or without its dashes; null when there is none.
    /// </summary>
    public string? TemplateIdFor(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (TemplateIds.TryGetValue(template, out var exact))
        {
            return exact;
        }

        string wanted = Normalise(template);
        foreach (var (name, id) in TemplateIds)
        {
            if (Normalise(name) == wanted)
            {
                return id;
            }
        }

        return null;
    }

    /// <summary>
    /// Throws <see cref="InvalidOperationException"/> naming every invalid setting. The message never contains the
    /// API key's value, only what is wrong with it.
    /// </summary>
    public void Validate()
    {
        var errors = new List<string>();
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        errors.AddRange(results.Select(r => r.ErrorMessage ?? "Invalid setting."));
        ValidateApiKey(errors);
        ValidateFrom(errors);
        ValidateApiBaseUrl(errors);
        ValidateTemplateIds(errors);
        if (SendTimeout >= ClaimLease)
        {
            errors.Add("SendTimeout must be shorter than ClaimLease, or a slow send could be taken for a dead one.");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"Invalid {SectionName} options: {string.Join(" ", errors)}");
        }
    }

    private void ValidateApiKey(List<string> errors)
    {
        // Only describe the problem: the value itself must never reach a message, a log or a crash report.
        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            errors.Add("ApiKey is required (set SendGrid:ApiKey, on Azure as a Key Vault reference).");
        }
        else if (ApiKey.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("ApiKey holds an unresolved Key Vault reference: check the secret URI and that the app's identity may read the secret.");
        }
        else if (ApiKey.Any(char.IsWhiteSpace))
        {
            errors.Add("ApiKey contains whitespace; copy the key again without spaces or line breaks.");
        }
        else if (!ApiKey.StartsWith("SG.", StringComparison.Ordinal))
        {
            errors.Add("ApiKey does not look like a SendGrid API key (they start with 'SG.').");
        }
    }

    private void ValidateFrom(List<string> errors)
    {
        if (From is null)
        {
            errors.Add("From is required (From:Email and From:Name; the address must be a verified sender in SendGrid).");
        }
        else if (string.IsNullOrWhiteSpace(From.Email) || !From.Email.Contains('@', StringComparison.Ordinal))
        {
            errors.Add("From.Email must be an email address.");
        }
    }

    private void ValidateApiBaseUrl(List<string> errors)
    {
        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"ApiBaseUrl must be an absolute https URL such as {GlobalApiBaseUrl} or {EuApiBaseUrl}.");
        }
        else if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            // The API key travels in a header: plain http is only tolerable when it never leaves the machine.
            errors.Add("ApiBaseUrl must use https (plain http is allowed only for a loopback test stub).");
        }
        else if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            errors.Add($"ApiBaseUrl must be scheme and host only, without a path such as /v3 (e.g. {GlobalApiBaseUrl}).");
        }
    }

    private void ValidateTemplateIds(List<string> errors)
    {
        var known = EmailTemplates.All.Select(Normalise).ToHashSet(StringComparer.Ordinal);
        var unknown = TemplateIds.Keys.Where(name => !known.Contains(Normalise(name))).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            errors.Add($"TemplateIds has unknown template names: {string.Join(", ", unknown)}. Known names: {string.Join(", ", EmailTemplates.All)}.");
        }

        var notDynamic = TemplateIds.Where(pair => pair.Value?.StartsWith("d-", StringComparison.Ordinal) != true).Select(pair => pair.Key).Order(StringComparer.Ordinal).ToList();
        if (notDynamic.Count > 0)
        {
            errors.Add($"TemplateIds must be dynamic template ids (d-…); not one for: {string.Join(", ", notDynamic)}.");
        }

        if (Mode == SendGridMode.DynamicTemplate)
        {
            var missing = EmailTemplates.All.Where(name => string.IsNullOrWhiteSpace(TemplateIdFor(name))).ToList();
            if (missing.Count > 0)
            {
                errors.Add($"Mode DynamicTemplate needs a TemplateIds entry for every template; missing: {string.Join(", ", missing)}.");
            }
        }
    }

    // "agreement-proposal", "agreement_proposal" and "AgreementProposal" all name the same template.
    private static string Normalise(string name) =>
        new string(name.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
