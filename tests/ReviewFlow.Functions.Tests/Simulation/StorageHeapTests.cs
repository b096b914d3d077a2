using ReviewFlow.Functions.Simulation;
using Xunit;

namespace ReviewFlow.Functions.Tests.Simulation;

/// <summary>The embedded Azurite's heap cap grows with the scenario, never below its floor.</summary>
public sealed class StorageHeapTests
{
    [Theory]
    [InlineData(4, 512)]
    [InlineData(1_000, 512)]
    [InlineData(2_000, 1_000)]
    [InlineData(5_000, 2_500)]
    public void MegabytesFor_Sellers_IsHalfAMegabyteEachAndAtLeast512(int sellers, int megabytes)
        => Assert.Equal(megabytes, StorageHeap.MegabytesFor(sellers));
}
