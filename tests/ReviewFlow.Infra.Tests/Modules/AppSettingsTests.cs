using System.Text.RegularExpressions;
using ReviewFlow.Infra.Tests.Support;
using Xunit;

namespace ReviewFlow.Infra.Tests.Modules;

/// <summary>
/// The Function App's settings (infra/modules/functionapp.bicep): identity-based storage, Key Vault references for
/// every secret, Application Insights, and the names ReviewFlow's options bind from.
/// </summary>
[Collection(CompiledInfraCollection.Name)]
public sealed partial class AppSettingsTests(CompiledInfra infra)
{
    private ArmTemplate App => infra.Main.Module("functionApp");

    /// <summary>
    /// Every setting the app can get: the union of the setting groups the appsettings resource combines (an
    /// integration's group is applied only while it is on, so all of them are checked).
    /// </summary>
    private Dictionary<string, string> AllSettings()
    {
        var resource = App.Single("Microsoft.Web/sites/config");
        Assert.EndsWith("'appsettings')]", (string?)resource["name"], StringComparison.Ordinal);
        Assert.Equal("[variables('appSettings')]", resource["properties"]!.ToString());

        var combined = (string)App.Variables["appSettings"]!;
        var groups = VariableReference().Matches(combined).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["hostSettings", "reviewFlowSettings", "sendGridSettings", "graphIdentitySettings", "graphSecretSettings"], groups);

        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            foreach (var (name, value) in App.Variables[group]!.AsObject())
            {
                settings.Add(name, App.Resolve(value!.ToString()));
            }
        }

        return settings;
    }

    [Theory]
    [InlineData("SendGrid__ApiKey", "sendGridApiKey")]
    [InlineData("Graph__ClientSecret", "graphClientSecret")]
    [InlineData("Links__SigningKeys__0__Secret", "linkSigningKey")]
    public void SecretSetting_IsAKeyVaultReferenceToItsSecret(string setting, string secret)
    {
        var value = AllSettings()[setting];

        Assert.Equal($"[format('@Microsoft.KeyVault(SecretUri={{0}}secrets/{{1}})', parameters('keyVaultUri'), parameters('secretNames').{secret})]", value);
        Assert.Equal("[reference('vault').outputs.uri.value]", infra.Main.ModuleArgument("functionApp", "keyVaultUri"));
    }

    [Fact]
    public void SettingsThatLookSecret_AreAllKeyVaultReferences()
    {
        // Catches a secret added later as a plain value, whatever its name's section.
        var secretLooking = AllSettings().Where(s => SecretName().IsMatch(s.Key)).ToList();

        Assert.Equal(3, secretLooking.Count);
        Assert.All(secretLooking, s => Assert.Contains("@Microsoft.KeyVault(SecretUri=", s.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void HostStorage_IsIdentityBasedWithTheUserAssignedIdentity()
    {
        var settings = AllSettings();

        Assert.Equal("[parameters('storageAccountName')]", settings["AzureWebJobsStorage__accountName"]);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("[parameters('identityClientId')]", settings["AzureWebJobsStorage__clientId"]);
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.DoesNotContain(settings.Keys, name => name.EndsWith("ConnectionString", StringComparison.Ordinal));
    }

    [Fact]
    public void EngineStorage_SharesTheHostsIdentityBasedSettingsAndTheTimersHaveSchedules()
    {
        var settings = AllSettings();

        // The service reads AzureWebJobsStorage__accountName/__clientId (see docs/hosting.md); nothing else names storage.
        Assert.DoesNotContain(settings.Keys, name => name.StartsWith("Durable__", StringComparison.Ordinal));
        Assert.Equal("[parameters('taskHub')]", settings["ReviewFlow__TaskHub"]);

        // functions/timer-sweep and functions/quarter-kickoff read their NCRONTAB schedules from these.
        Assert.Equal("*/10 * * * * *", settings["ReviewFlow__TimerSweepSchedule"]);
        Assert.Equal("0 0 6 * * *", settings["ReviewFlow__QuarterKickoffSchedule"]);
    }

    [Fact]
    public void ApplicationInsightsConnectionString_ComesFromTheComponent()
    {
        Assert.Equal("[parameters('applicationInsightsConnectionString')]", AllSettings()["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.Equal("[reference('monitoring').outputs.connectionString.value]", infra.Main.ModuleArgument("functionApp", "applicationInsightsConnectionString"));

        var monitoring = infra.Main.Module("monitoring");
        Assert.Contains("Microsoft.Insights/components", (string?)monitoring.Outputs["connectionString"]!["value"], StringComparison.Ordinal);
        Assert.EndsWith(".ConnectionString]", (string?)monitoring.Outputs["connectionString"]!["value"], StringComparison.Ordinal);
    }

    [Fact]
    public void ApplicationInsights_IsWorkspaceBased()
    {
        var monitoring = infra.Main.Module("monitoring");
        var component = monitoring.Single("Microsoft.Insights/components");

        Assert.Equal("[resourceId('Microsoft.OperationalInsights/workspaces', parameters('logAnalyticsName'))]", (string?)component["properties"]!["WorkspaceResourceId"]);
        monitoring.Single("Microsoft.OperationalInsights/workspaces");
    }

    [Fact]
    public void Runtime_IsLeftToFunctionAppConfig()
    {
        // Flex Consumption refuses these settings: the runtime comes from functionAppConfig.runtime.
        var settings = AllSettings();

        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.Keys);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", settings.Keys);
        Assert.DoesNotContain("WEBSITE_RUN_FROM_PACKAGE", settings.Keys);
    }

    [Fact]
    public void ServiceSettings_PointLinksAtTheAppAndUseAppServiceAuthentication()
    {
        var settings = AllSettings();

        Assert.Equal("AppService", settings["Auth__Mode"]);
        Assert.Contains("format('https://{0}.azurewebsites.net', parameters('appName'))", settings["Links__PublicBaseUrl"], StringComparison.Ordinal);
        Assert.Equal("[parameters('linkSigningKeyId')]", settings["Links__SigningKeys__0__Id"]);
        Assert.Equal("[parameters('taskHub')]", settings["ReviewFlow__TaskHub"]);
    }

    [Fact]
    public void Integrations_AreSwitchedOnByTheirNonSecretSettings()
    {
        var combined = (string)App.Variables["appSettings"]!;

        Assert.Contains("if(variables('sendGridEnabled'), variables('sendGridSettings'), createObject())", combined, StringComparison.Ordinal);
        Assert.Equal("[not(empty(parameters('sendGridFromEmail')))]", (string?)App.Variables["sendGridEnabled"]);
        Assert.Contains("variables('graphEnabled')", combined, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"variables\('(\w+Settings)'\)")]
    private static partial Regex VariableReference();

    [GeneratedRegex("(Key|Secret|Password|Token)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
