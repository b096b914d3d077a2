using System.Text.Json.Nodes;
using Xunit;

namespace ReviewFlow.Infra.Tests.Support;

internal static class RoleAssertions
{
    /// <summary>
    /// The assignment's principal is the principalId of the user-assigned identity named by the module's
    /// identityName parameter, and main.bicep passes the same name it gives the identity module.
    /// </summary>
    public static void GrantedToTheAppIdentity(ArmTemplate main, string module, JsonObject assignment)
    {
        var principal = (string?)assignment["properties"]!["principalId"];
        Assert.StartsWith("[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identityName'))", principal, StringComparison.Ordinal);
        Assert.EndsWith(".principalId]", principal, StringComparison.Ordinal);
        Assert.Equal("ServicePrincipal", (string?)assignment["properties"]!["principalType"]);
        Assert.Equal(main.ModuleArgument("identity", "name"), main.ModuleArgument(module, "identityName"));
    }
}
