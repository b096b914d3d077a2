namespace ReviewFlow.Functions.Simulation;

/// <summary>
/// The JavaScript heap cap of the Azurite a simulation starts. In-memory Azurite holds everything the quarter stores
/// (journal, outbox index, calendar, instances), and node, left to itself, lets garbage pile up to several times that
/// before collecting it: the 1,000-seller quarter peaked at 1.07 GB resident uncapped, and at 565 MB with 512 MiB.
/// </summary>
/// <remarks>
/// Measured with node's <c>--trace-gc</c> on that quarter: at most 231 MB stays live after a full collection, about
/// 0.23 MB a seller. Half a MiB a seller (512 at least) keeps twice that as headroom at any size.
/// </remarks>
internal static class StorageHeap
{
    private const int FloorMegabytes = 512;

    /// <summary>The cap for a scenario of <paramref name="sellers"/> sellers, in MiB.</summary>
    public static int MegabytesFor(int sellers) => Math.Max(FloorMegabytes, sellers / 2);
}
