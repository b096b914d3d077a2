namespace ReviewFlow.Functions.Simulation;

/// <summary>
/// The JavaScript heap cap of the Azurite a simulation starts. In-memory Azurite holds everything the quarter stores
/// (journal, outbox index, calendar, instances), and node, left to itself, lets garbage pile up to several times that
/// before collecting it: the 1,000-seller quarter peaked at 1.07 GB resident uncapped, 565 to 596 MB with 512 MiB, and
/// 483 MB with 384 MiB, as fast (151.7 s), which keeps Azurite and the .NET process together under 1 GiB.
/// </summary>
/// <remarks>
/// Measured with node's <c>--trace-gc</c> on that quarter: at most 231 MB stays live after a full collection, about
/// 0.23 MB a seller. Three eighths of a MiB a seller (384 at least) keeps more than half as much again as headroom at
/// any size.
/// </remarks>
internal static class StorageHeap
{
    private const int FloorMegabytes = 384;

    /// <summary>The cap for a scenario of <paramref name="sellers"/> sellers, in MiB.</summary>
    public static int MegabytesFor(int sellers) => Math.Max(FloorMegabytes, sellers * 3 / 8);
}
