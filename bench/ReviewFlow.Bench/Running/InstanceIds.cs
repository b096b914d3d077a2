using System.Globalization;

namespace ReviewFlow.Bench.Running;

/// <summary>
/// Instance ids by role: measured instances and warm-up instances get different prefixes, so the
/// completion query (a PartitionKey range on the prefix) counts only what is measured.
/// </summary>
internal static class InstanceIds
{
    public const string MeasuredPrefix = "m";
    public const string WarmupPrefix = "w";

    public static string Measured(int index) => MeasuredPrefix + index.ToString("D7", CultureInfo.InvariantCulture);

    public static string Warmup(int index) => WarmupPrefix + index.ToString("D7", CultureInfo.InvariantCulture);
}
