using ReviewFlow.Infra.Tests.Support;
using Xunit;

namespace ReviewFlow.Infra.Tests.Modules;

/// <summary>infra/modules/functionapp.bicep: a Flex Consumption app running the custom handler as the identity.</summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class FunctionAppModuleTests(CompiledInfra infra)
{
    private ArmTemplate App => infra.Main.Module("functionApp");

    [Fact]
    public void Plan_IsFlexConsumptionOnLinux()
    {
        var plan = App.Single("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.Equal("functionapp", (string?)plan["kind"]);
        Assert.True((bool)plan["properties"]!["reserved"]!);
    }

    [Fact]
    public void Site_RunsTheCustomRuntimeOnTheFlexPlan()
    {
        var site = App.Single("Microsoft.Web/sites");
        var properties = site["properties"]!;

        Assert.Equal("functionapp,linux", (string?)site["kind"]);
        Assert.Equal("[resourceId('Microsoft.Web/serverfarms', parameters('planName'))]", (string?)properties["serverFarmId"]);
        Assert.Equal("custom", (string?)properties["functionAppConfig"]!["runtime"]!["name"]);
        Assert.Equal("1.0", (string?)properties["functionAppConfig"]!["runtime"]!["version"]);
        Assert.True((bool)properties["httpsOnly"]!);
    }

    [Fact]
    public void Site_UsesTheUserAssignedIdentityForKeyVaultAndThePackage()
    {
        var site = App.Single("Microsoft.Web/sites");
        var properties = site["properties"]!;
        var storage = properties["functionAppConfig"]!["deployment"]!["storage"]!;

        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);
        Assert.Equal("[parameters('identityId')]", (string?)properties["keyVaultReferenceIdentity"]);
        Assert.Equal("blobContainer", (string?)storage["type"]);
        Assert.Equal("UserAssignedIdentity", (string?)storage["authentication"]!["type"]);
        Assert.Equal("[parameters('identityId')]", (string?)storage["authentication"]!["userAssignedIdentityResourceId"]);
        Assert.Equal("[reference('identity').outputs.id.value]", infra.Main.ModuleArgument("functionApp", "identityId"));
        Assert.Equal("[reference('storage').outputs.deploymentContainerName.value]", infra.Main.ModuleArgument("functionApp", "deploymentContainerName"));
    }

    [Fact]
    public void ScaleAndConcurrency_ComeFromParametersWithFlexLimits()
    {
        var scale = App.Single("Microsoft.Web/sites")["properties"]!["functionAppConfig"]!["scaleAndConcurrency"]!;
        var main = infra.Main.Parameters;

        Assert.Equal("[parameters('maximumInstanceCount')]", (string?)scale["maximumInstanceCount"]);
        Assert.Equal("[parameters('instanceMemoryMB')]", (string?)scale["instanceMemoryMB"]);
        Assert.Equal([512, 2048, 4096], main["instanceMemoryMB"]!["allowedValues"]!.AsArray().Select(v => (int)v!));
        Assert.Equal(1000, (int)main["maximumInstanceCount"]!["maxValue"]!);
    }

    [Fact]
    public void Site_RefusesPublishingPasswords()
    {
        var policies = App.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        Assert.Equal(2, policies.Count);
        Assert.All(policies, policy => Assert.False((bool)policy["properties"]!["allow"]!));
    }

    [Fact]
    public void Site_CarriesTheAzdServiceTag()
    {
        Assert.Contains("'azd-service-name', variables('serviceName')", infra.Main.ModuleArgument("functionApp", "appTags"), StringComparison.Ordinal);
        Assert.Equal("reviewflow", (string?)infra.Main.Variables["serviceName"]);
    }
}
