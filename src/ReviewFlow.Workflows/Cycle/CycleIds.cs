namespace ReviewFlow.Workflows.Cycle;

/// <summary>Deterministic instance ids: starting a quarter twice finds the same instances and starts nothing new.</summary>
public static class CycleIds
{
    /// <summary>The prefix of every seller cycle.</summary>
    public const string CyclePrefix = "cycle-";

    /// <summary>The prefix of every team quarter.</summary>
    public const string TeamPrefix = "quarter-";

    /// <summary>The seller's cycle for a quarter, e.g. "cycle-2027-Q1-priya".</summary>
    public static string ForSeller(string quarterLabel, string sellerId) => $"{CyclePrefix}{quarterLabel}-{sellerId}";

    /// <summary>The team's quarter orchestration, e.g. "quarter-2027-Q1-mark".</summary>
    public static string ForTeam(string quarterLabel, string managerId) => $"{TeamPrefix}{quarterLabel}-{managerId}";

    /// <summary>The label of the quarter before a "YYYY-Qn" label, or null for other label styles.</summary>
    public static string? PreviousQuarterLabel(string label)
        => TryParse(label, out var year, out var quarter) ? (quarter == 1 ? $"{year - 1}-Q4" : $"{year}-Q{quarter - 1}") : null;

    /// <summary>The label of the quarter after a "YYYY-Qn" label, or null for other label styles.</summary>
    public static string? NextQuarterLabel(string label)
        => TryParse(label, out var year, out var quarter) ? (quarter == 4 ? $"{year + 1}-Q1" : $"{year}-Q{quarter + 1}") : null;

    private static bool TryParse(string label, out int year, out int quarter)
    {
        ArgumentNullException.ThrowIfNull(label);
        quarter = label.Length == 7 && label[4] == '-' && label[5] == 'Q' && label[6] is >= '1' and <= '4' ? label[6] - '0' : 0;
        year = 0;
        return quarter > 0 && int.TryParse(label.AsSpan(0, 4), out year);
    }
}
