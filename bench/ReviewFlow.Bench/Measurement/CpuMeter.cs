using System.Diagnostics;

namespace ReviewFlow.Bench.Measurement;

/// <summary>
/// CPU time of this process (engine + benchmark) and of Azurite. On a 2-core box the split shows which side
/// saturates first: Azurite is single-threaded node, so near one full core there means the emulator, not the
/// engine, is the limit; neither near its limit means something is waiting rather than working.
/// </summary>
internal sealed class CpuMeter(int azuriteProcessId)
{
    private CpuTimes _start = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);

    public void Start() => _start = Read();

    /// <summary>CPU used since <see cref="Start"/>.</summary>
    public CpuTimes Elapsed() => Read() - _start;

    /// <summary>Total CPU used so far by this process, Azurite and everything else.</summary>
    public CpuTimes Read()
    {
        var bench = BenchCpu();
        var azurite = AzuriteCpu();
        return new CpuTimes(bench, azurite, MachineCpu.Busy() - bench - azurite);
    }

    private static TimeSpan BenchCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private TimeSpan AzuriteCpu()
    {
        try
        {
            using var azurite = Process.GetProcessById(azuriteProcessId);
            return azurite.TotalProcessorTime;
        }
        catch (Exception gone) when (gone is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return TimeSpan.Zero; // Azurite already gone: the figure reads as zero rather than failing the run.
        }
    }
}

/// <summary>CPU time of this process, of Azurite, and of every other process on the machine.</summary>
internal readonly record struct CpuTimes(TimeSpan Bench, TimeSpan Azurite, TimeSpan Others)
{
    public static CpuTimes operator -(CpuTimes a, CpuTimes b) => new(a.Bench - b.Bench, a.Azurite - b.Azurite, a.Others - b.Others);
}
