using System.Globalization;

namespace ReviewFlow.Bench.Measurement;

/// <summary>
/// Busy CPU time of the whole machine, from /proc/stat (Linux; zero elsewhere). Subtracting this process and
/// Azurite leaves what other processes used during the run: on a small shared box a busy neighbour skews the
/// figures, and the report should say so rather than hide it.
/// </summary>
internal static class MachineCpu
{
    private const string ProcStat = "/proc/stat";

    public static TimeSpan Busy()
    {
        if (!File.Exists(ProcStat))
        {
            return TimeSpan.Zero;
        }

        // "cpu  user nice system idle iowait irq softirq steal ..." in clock ticks (USER_HZ, 100 on Linux).
        var fields = File.ReadLines(ProcStat).First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Field(int i) => fields.Length > i ? long.Parse(fields[i], CultureInfo.InvariantCulture) : 0;
        var busyTicks = Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8);
        return TimeSpan.FromMilliseconds(busyTicks * 10);
    }
}
