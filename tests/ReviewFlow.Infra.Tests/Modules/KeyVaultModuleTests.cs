using ReviewFlow.Infra.Tests.Support;
using Xunit;

namespace ReviewFlow.Infra.Tests.Modules;

/// <summary>infra/modules/keyvault.bicep: an RBAC vault that keeps deleted secrets, written only with given values.</summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class KeyVaultModuleTests(CompiledInfra infra)
{
    private ArmTemplate Vault => infra.Main.Module("vault");

    [Fact]
    public void Vault_UsesRbacSoftDeleteAndPurgeProtection()
    {
        var properties = Vault.Single("Microsoft.KeyVault/vaults")["properties"]!;

        Assert.True((bool)properties["enableRbacAuthorization"]!);
        Assert.True((bool)properties["enableSoftDelete"]!);
        Assert.True((bool)properties["enablePurgeProtection"]!);
    }

    [Fact]
    public void Secrets_AreWrittenOnlyWhenTheirSecureParameterIsGiven()
    {
        var secure = Vault.SecureParameterNames.ToHashSet();
        var secrets = Vault.OfType("Microsoft.KeyVault/vaults/secrets");

        Assert.Equal(new HashSet<string> { "sendGridApiKey", "graphClientSecret", "linkSigningKey" }, secure);
        Assert.Equal(3, secrets.Count);
        Assert.All(secrets, secret =>
        {
            var value = (string?)secret["properties"]!["value"];
            var parameter = Assert.Single(secure, name => value == $"[parameters('{name}')]");
            Assert.Equal($"[not(empty(parameters('{parameter}')))]", (string?)secret["condition"]);
        });
    }

    [Fact]
    public void RoleAssignment_LetsTheAppIdentityReadSecrets()
    {
        var assignment = Assert.Single(
            Vault.OfType("Microsoft.Authorization/roleAssignments"),
            a => Vault.RoleDefinitionGuids(a).SequenceEqual([BuiltInRoles.KeyVaultSecretsUser]));

        Assert.Null(assignment["condition"]);
        RoleAssertions.GrantedToTheAppIdentity(infra.Main, "vault", assignment);
    }

    [Fact]
    public void RoleAssignment_LetsTheDeployerWriteSecretsOnlyWhenNamed()
    {
        var assignment = Assert.Single(
            Vault.OfType("Microsoft.Authorization/roleAssignments"),
            a => Vault.RoleDefinitionGuids(a).SequenceEqual([BuiltInRoles.KeyVaultSecretsOfficer]));

        Assert.Equal("[not(empty(parameters('deployerPrincipalId')))]", (string?)assignment["condition"]);
    }

    [Fact]
    public void SecureParameters_ReachOnlyTheVaultModule()
    {
        var main = infra.Main;
        var secure = main.SecureParameterNames.ToList();

        Assert.Equal(3, secure.Count);
        foreach (var (symbol, module) in main.Resources.Where(r => (string?)r.Resource["type"] == "Microsoft.Resources/deployments"))
        {
            var arguments = module["properties"]!["parameters"]!.ToJsonString();
            var passed = secure.Where(name => arguments.Contains($"parameters('{name}')", StringComparison.Ordinal)).ToList();
            Assert.True(symbol == "vault" || passed.Count == 0, $"Module '{symbol}' is given secure parameters: {string.Join(", ", passed)}.");
        }

        // Nothing secret can reach an app setting if the app's module cannot even receive one.
        Assert.Empty(main.Module("functionApp").SecureParameterNames);
    }
}
