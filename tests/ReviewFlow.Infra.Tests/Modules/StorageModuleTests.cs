using ReviewFlow.Infra.Tests.Support;
using Xunit;

namespace ReviewFlow.Infra.Tests.Modules;

/// <summary>infra/modules/storage.bicep: no shared keys, nothing public, and the identity's three data roles.</summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class StorageModuleTests(CompiledInfra infra)
{
    private ArmTemplate Storage => infra.Main.Module("storage");

    [Fact]
    public void StorageAccount_AllowsOnlyIdentityBasedHttpsAccess()
    {
        var account = Storage.Single("Microsoft.Storage/storageAccounts");
        var properties = account["properties"]!;

        Assert.Equal("StorageV2", (string?)account["kind"]);
        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.False((bool)properties["allowBlobPublicAccess"]!);
        Assert.True((bool)properties["supportsHttpsTrafficOnly"]!);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
    }

    [Fact]
    public void DeploymentContainer_IsPrivateAndNamedByTheCaller()
    {
        var container = Storage.Single("Microsoft.Storage/storageAccounts/blobServices/containers");

        Assert.Equal("None", (string?)container["properties"]!["publicAccess"]);
        Assert.Contains("parameters('deploymentContainerName')", (string?)container["name"], StringComparison.Ordinal);
    }

    [Fact]
    public void RoleAssignments_GiveTheAppIdentityBlobOwnerQueueAndTableContributor()
    {
        var assignments = Storage.OfType("Microsoft.Authorization/roleAssignments");
        var roles = assignments.SelectMany(Storage.RoleDefinitionGuids).ToHashSet();

        Assert.Equal(
            new HashSet<string> { BuiltInRoles.StorageBlobDataOwner, BuiltInRoles.StorageQueueDataContributor, BuiltInRoles.StorageTableDataContributor },
            roles);
        Assert.All(assignments, assignment =>
        {
            Assert.Null(assignment["condition"]);
            RoleAssertions.GrantedToTheAppIdentity(infra.Main, "storage", assignment);
            Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('name'))]", (string?)assignment["scope"]);
        });
    }
}
