using ReviewFlow.Durable.Diagnostics;
using ReviewFlow.Workflows.Cycle;
using ReviewFlow.Workflows.Diagnostics;
using Xunit;

namespace ReviewFlow.Workflows.Tests.Diagnostics;

public sealed class CycleTelemetryIdentityTests
{
    private readonly CycleTelemetryIdentity _identity = new();

    [Fact]
    public void Describe_SellerCycle_ReplacesTheSellerIdWithItsHash()
    {
        var who = _identity.Describe(CycleIds.ForSeller("2027-Q1", "priya-raman"));

        Assert.Equal(SellerHash.Of("priya-raman"), who.SellerHash);
        Assert.Equal($"cycle-2027-Q1-{SellerHash.Of("priya-raman")}", who.InstanceId);
        Assert.DoesNotContain("priya", who.InstanceId, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_TeamQuarter_HashesTheManagerAndGivesNoSeller()
    {
        var who = _identity.Describe(CycleIds.ForTeam("2027-Q1", "mark"));

        Assert.Null(who.SellerHash);
        Assert.Equal($"quarter-2027-Q1-{SellerHash.Of("mark")}", who.InstanceId);
    }

    [Fact]
    public void Describe_NonStandardQuarterLabel_HashesEverythingAfterThePrefixAndGuessesNoSeller()
    {
        var who = _identity.Describe(CycleIds.ForSeller("fy27-h1", "priya"));

        Assert.Null(who.SellerHash);
        Assert.Equal("cycle-" + SellerHash.Of("fy27-h1-priya"), who.InstanceId);
    }

    [Fact]
    public void Describe_OtherInstance_LeavesTheIdAsItIs()
        => Assert.Equal(new TelemetryIdentity("0f3a9c", null), _identity.Describe("0f3a9c"));
}
