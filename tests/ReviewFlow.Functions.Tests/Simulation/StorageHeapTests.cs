using ReviewFlow.Functions.Simulation;
using Xunit;

namespace ReviewFlow.Functions.Tests.Simulation;

/// <summary>The embedded Azurite's heap cap grows with the scenario, never below its floor.</summary>
public sealed class StorageHeapTests
{
    [Theory]
    [InlineData(4, 384)]
    [InlineData(1_000, 384)]
    [InlineData(2_000, 750)]
    [InlineData(5_000, 1_875)]
    public void MegabytesFor_Sellers_IsThreeEighthsOfAMegabyteEachAndAtLeast384(int sellers, int megabytes)
        => Assert.Equal(megabytes, StorageHeap.MegabytesFor(sellers));
}
