using System.Runtime.InteropServices;

namespace ReviewFlow.Bench.Reporting;

/// <summary>What the figures were measured on; they mean little without it.</summary>
internal sealed record MachineInfo(int Cores, string Os, string Runtime, string Architecture, string? CpuModel)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.ProcessArchitecture.ToString(),
        ReadCpuModel());

    public override string ToString()
        => $"{Cores} cores{(CpuModel is null ? string.Empty : $" ({CpuModel})")}, {Os}, {Runtime}, {Architecture}";

    private static string? ReadCpuModel()
    {
        // Linux only; elsewhere the core count and OS have to do.
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo))
        {
            return null;
        }

        var line = File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
