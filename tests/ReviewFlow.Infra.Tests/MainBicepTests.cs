using System.Text.RegularExpressions;
using ReviewFlow.Infra.Tests.Support;
using Xunit;

namespace ReviewFlow.Infra.Tests;

/// <summary>infra/main.bicep compiles and lints with no finding at all, at subscription scope, offline.</summary>
[Collection(CompiledInfraCollection.Name)]
public sealed partial class MainBicepTests(CompiledInfra infra)
{
    [Fact]
    public void Build_MainBicep_SucceedsWithoutAnyDiagnostic()
    {
        var findings = infra.Build.OutputLines(includeStandardOutput: false);

        Assert.True(infra.Build.ExitCode == 0 && findings.Count == 0, Describe("bicep build", infra.Build.ExitCode, findings));
    }

    [Fact]
    public async Task Lint_MainBicep_ReportsNothing()
    {
        var run = await BicepCli.RunAsync(CompiledInfra.InfraDirectory, "lint", "main.bicep");
        var findings = run.OutputLines(includeStandardOutput: true);

        Assert.True(run.ExitCode == 0 && findings.Count == 0, Describe("bicep lint", run.ExitCode, findings));
    }

    [Fact]
    public async Task Build_FileBreakingALinterRule_FailsUnderTheProjectsConfiguration()
    {
        // Proves the two tests above can fail: an unused parameter (a warning by default) becomes an error under
        // infra/bicepconfig.json, and the finding reaches the output the tests read.
        var directory = Directory.CreateTempSubdirectory("reviewflow-bicep-");
        try
        {
            File.Copy(Path.Combine(CompiledInfra.InfraDirectory, "bicepconfig.json"), Path.Combine(directory.FullName, "bicepconfig.json"));
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "probe.bicep"), "param unused string\n");

            var run = await BicepCli.RunAsync(directory.FullName, "build", "probe.bicep", "--stdout");

            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains(run.OutputLines(includeStandardOutput: false), line => line.Contains("Error no-unused-params", StringComparison.Ordinal));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Template_DeploysAtSubscriptionScope_IntoItsOwnResourceGroup()
    {
        var main = infra.Main;

        Assert.Contains("subscriptionDeploymentTemplate", (string?)main.Root["$schema"], StringComparison.Ordinal);
        var group = main.Single("Microsoft.Resources/resourceGroups");
        Assert.Equal("[parameters('resourceGroupName')]", (string?)group["name"]);
        var modules = main.OfType("Microsoft.Resources/deployments");
        Assert.Equal(5, modules.Count);
        Assert.All(modules, module => Assert.Equal("[parameters('resourceGroupName')]", (string?)module["resourceGroup"]));
    }

    [Fact]
    public void Outputs_NameTheAppItsAddressIdentityVaultAndStorage()
    {
        var outputs = infra.Main.Outputs.Select(o => o.Key).ToHashSet();

        Assert.Superset(
            new HashSet<string> { "AZURE_RESOURCE_GROUP", "FUNCTION_APP_NAME", "FUNCTION_APP_URL", "MANAGED_IDENTITY_CLIENT_ID", "KEY_VAULT_NAME", "STORAGE_ACCOUNT_NAME" },
            outputs);
        Assert.Contains("https://", (string?)infra.Main.Outputs["FUNCTION_APP_URL"]!["value"], StringComparison.Ordinal);
    }

    [Fact]
    public void BicepFiles_UseOnlyLocalModules()
    {
        // Registry (br:) and template-spec (ts:) modules would make the build reach the network.
        var files = Directory.GetFiles(CompiledInfra.InfraDirectory, "*.bicep", SearchOption.AllDirectories);
        var modules = files.SelectMany(file => ModuleReference().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value)).ToList();

        Assert.NotEmpty(modules);
        Assert.All(modules, path => Assert.StartsWith("modules/", path, StringComparison.Ordinal));
    }

    private static string Describe(string command, int exitCode, IReadOnlyList<string> findings) =>
        $"{command} exited with {exitCode} and said:{Environment.NewLine}{string.Join(Environment.NewLine, findings)}";

    [GeneratedRegex(@"^\s*module\s+\w+\s+'([^']+)'", RegexOptions.Multiline)]
    private static partial Regex ModuleReference();
}
