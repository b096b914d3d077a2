using System.Text.Json.Nodes;
using ReviewFlow.Testing;
using Xunit;

namespace ReviewFlow.Infra.Tests.Support;

/// <summary>infra/main.bicep compiled once (bicep build --stdout) and shared by the tests that read the result.</summary>
public sealed class CompiledInfra : IAsyncLifetime
{
    public static string InfraDirectory { get; } = RepositoryPaths.Under("infra");

    internal BicepRun Build { get; private set; } = new(-1, "", "");

    /// <summary>The compiled template; fails the calling test with the CLI's own words when it did not compile.</summary>
    internal ArmTemplate Main => main ?? throw new Xunit.Sdk.XunitException(
        $"main.bicep did not compile (exit code {Build.ExitCode}):{Environment.NewLine}{Build.StandardError}");

    private ArmTemplate? main;

    public async Task InitializeAsync()
    {
        Build = await BicepCli.RunAsync(InfraDirectory, "build", "main.bicep", "--stdout");
        if (Build.ExitCode == 0 && JsonNode.Parse(Build.StandardOutput) is JsonObject root)
        {
            main = new ArmTemplate(root);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class CompiledInfraCollection : ICollectionFixture<CompiledInfra>
{
    public const string Name = "compiled infra";
}
