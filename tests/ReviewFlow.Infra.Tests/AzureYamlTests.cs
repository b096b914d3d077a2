using ReviewFlow.Infra.Tests.Support;
using ReviewFlow.Testing;
using Xunit;

namespace ReviewFlow.Infra.Tests;

/// <summary>azure.yaml (for azd up) deploys the service the Bicep tags, from the package the build makes.</summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class AzureYamlTests(CompiledInfra infra)
{
    private static readonly string[] Lines = File.ReadAllLines(RepositoryPaths.Under("azure.yaml"));

    private static string ValueOf(string key) =>
        Lines.Select(line => line.Trim()).Where(line => line.StartsWith(key + ":", StringComparison.Ordinal))
            .Select(line => line[(key.Length + 1)..].Trim()).Single();

    [Fact]
    public void Service_IsTheOneTheFunctionAppIsTaggedWith()
    {
        var service = (string)infra.Main.Variables["serviceName"]!;

        Assert.Contains(Lines, line => line == $"  {service}:");
        Assert.Equal("function", ValueOf("host"));
        Assert.Equal("custom", ValueOf("language"));
    }

    [Fact]
    public void Infra_PointsAtMainBicep()
    {
        Assert.Equal("infra", ValueOf("path"));
        Assert.Equal("main", ValueOf("module"));
        Assert.True(File.Exists(Path.Combine(CompiledInfra.InfraDirectory, "main.bicep")));
    }

    [Fact]
    public void Package_IsBuiltByThePackageCommandBeforeAzdZipsIt()
    {
        var distribution = ValueOf("dist");

        Assert.Contains(Lines, line => line.Contains("-- package --out " + distribution + ".zip", StringComparison.Ordinal));
        Assert.Contains(Lines, line => line.Contains("unzip -q " + distribution + ".zip -d " + distribution, StringComparison.Ordinal));
    }
}
