using System.Text.Json.Nodes;
using ReviewFlow.Infra.Tests.Support;
using Xunit;

namespace ReviewFlow.Infra.Tests;

/// <summary>infra/main.parameters.json names only parameters main.bicep declares, and every one it must.</summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class MainParametersFileTests(CompiledInfra infra)
{
    private static readonly JsonObject File = JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(CompiledInfra.InfraDirectory, "main.parameters.json")))!.AsObject();

    private static IEnumerable<string> Keys => File["parameters"]!.AsObject().Select(p => p.Key);

    [Fact]
    public void ParametersFile_EveryKey_IsADeclaredParameter()
    {
        var declared = infra.Main.Parameters.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);

        Assert.All(Keys, key => Assert.True(declared.Contains(key), $"main.parameters.json sets '{key}', which main.bicep does not declare."));
    }

    [Fact]
    public void ParametersFile_SetsEveryParameterWithoutADefault()
    {
        var required = infra.Main.Parameters.Where(p => p.Value!["defaultValue"] is null).Select(p => p.Key).ToList();

        Assert.Contains("environmentName", required);
        Assert.Superset(required.ToHashSet(), Keys.ToHashSet());
    }

    [Fact]
    public void ParametersFile_HoldsNoSecureParameter()
    {
        // Secrets go on the command line or straight into Key Vault, never into a committed file.
        var secure = infra.Main.SecureParameterNames.ToList();

        Assert.Equal(3, secure.Count);
        Assert.Empty(Keys.Intersect(secure));
    }

    [Fact]
    public void ParametersFile_IsADeploymentParametersDocument()
    {
        Assert.Contains("deploymentParameters.json", (string?)File["$schema"], StringComparison.Ordinal);
        Assert.All(File["parameters"]!.AsObject(), p => Assert.NotNull(p.Value!["value"]));
    }
}
