using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Email.SendGrid;

using Xunit;

namespace ReviewFlow.Integrations.Tests.Email.SendGrid;

public sealed class SendGridOptionsTests
{
    private const string Key = "SG.options-key.c2VjcmV0LXZhbHVl";

    [Fact]
    public void Defaults_WithKeyAndFrom_AreValid()
    {
        var options = Valid();

        options.Validate();

        Assert.Equal("https://api.sendgrid.com", options.ApiBaseUrl);
        Assert.Equal(SendGridMode.RenderedContent, options.Mode);
        Assert.Equal("ReviewFlowSentLog", options.SentLogTableName);
        Assert.Equal(4, options.MaxRetries);
        Assert.True(options.SendTimeout < options.ClaimLease);
    }

    [Fact]
    public void Validate_MissingKeyAndFrom_NamesBoth()
    {
        var options = new SendGridOptions();

        var error = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains("ApiKey is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("From is required", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("Invalid SendGrid options:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/SendGridApiKey/)", "unresolved Key Vault reference")]
    [InlineData("SG.abc def", "contains whitespace")]
    [InlineData("xkeysib-0123456789abcdef", "start with 'SG.'")]
    public void Validate_MalformedKey_SaysWhatIsWrongWithoutEchoingIt(string key, string expected)
    {
        var options = Valid();
        options.ApiKey = key;

        var error = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ManyProblems_NeverEchoesTheKey()
    {
        var options = Valid();
        options.From = new EmailAddress("not-an-address", "X");
        options.ApiBaseUrl = "ftp://example.test";
        options.MaxRetries = 99;
        options.SentLogTableName = "bad name";

        var error = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains("From.Email", error.Message, StringComparison.Ordinal);
        Assert.Contains("ApiBaseUrl", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxRetries", error.Message, StringComparison.Ordinal);
        Assert.Contains("SentLogTableName", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a url", "absolute https URL")]
    [InlineData("api.sendgrid.com", "absolute https URL")]
    [InlineData("ftp://api.sendgrid.com", "absolute https URL")]
    [InlineData("http://api.sendgrid.com", "must use https")]
    [InlineData("https://api.sendgrid.com/v3", "without a path")]
    [InlineData("https://api.sendgrid.com/?region=eu", "without a path")]
    public void Validate_BadApiBaseUrl_Throws(string url, string expected)
    {
        var options = Valid();
        options.ApiBaseUrl = url;

        var error = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SendGridOptions.EuApiBaseUrl)]
    [InlineData("https://api.sendgrid.com/")]
    [InlineData("http://127.0.0.1:5123")]
    [InlineData("http://localhost:5123")]
    public void Validate_GoodApiBaseUrl_Passes(string url)
    {
        var options = Valid();
        options.ApiBaseUrl = url;

        options.Validate();
    }

    [Fact]
    public void Validate_DynamicTemplateWithMissingIds_ListsEveryMissingName()
    {
        var options = Valid();
        options.Mode = SendGridMode.DynamicTemplate;
        foreach (string name in EmailTemplates.All.Except([EmailTemplates.Reminder, EmailTemplates.QuarterSummary]))
        {
            options.TemplateIds[name] = "d-0123456789abcdef0123456789abcdef";
        }

        var error = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains("missing: reminder, quarter-summary.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DynamicTemplateWithEveryIdUnderAnySpelling_Passes()
    {
        var options = Valid();
        options.Mode = SendGridMode.DynamicTemplate;
        for (int i = 0; i < EmailTemplates.All.Count; i++)
        {
            string name = EmailTemplates.All[i];
            // Config keys as they arrive from appsettings.json, Linux app settings, or a hand-typed PascalCase name.
            string spelled = (i % 3) switch
            {
                0 => name,
                1 => name.Replace('-', '_'),
                _ => string.Concat(name.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..])),
            };
            options.TemplateIds[spelled] = $"d-{i:D32}";
        }

        options.Validate();

        Assert.Equal($"d-{1:D32}", options.TemplateIdFor(EmailTemplates.All[1]));
    }

    [Fact]
    public void Validate_UnknownTemplateNameOrNonDynamicId_Named()
    {
        var options = Valid();
        options.TemplateIds["checkin-requests"] = "d-0123456789abcdef0123456789abcdef";
        options.TemplateIds["reminder"] = "0123456789";

        var error = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains("unknown template names: checkin-requests", error.Message, StringComparison.Ordinal);
        Assert.Contains("not one for: reminder", error.Message, StringComparison.Ordinal);
    }

    private static SendGridOptions Valid() => new()
    {
        ApiKey = Key,
        From = new EmailAddress("reviewflow@acme.example", "ReviewFlow"),
    };
}
