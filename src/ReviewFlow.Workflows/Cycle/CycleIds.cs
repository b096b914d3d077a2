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
    {
        ArgumentNullException.ThrowIfNull(label);
        if (label.Length == 7 && label[4] == '-' && label[5] == 'Q' && int.TryParse(label.AsSpan(0, 4), out var year) && label[6] is >= '1' and <= '4')
        {
            var q = label[6] - '0';
            return q == 1 ? $"{year - 1}-Q4" : $"{year}-Q{q - 1}";
        }

        return null;
    }

    /// <summary>The label of the quarter after a "YYYY-Qn" label, or null for other label styles.</summary>
    public static string? NextQuarterLabel(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (label.Length == 7 && label[4] == '-' && label[5] == 'Q' && int.TryParse(label.AsSpan(0, 4), out var year) && label[6] is >= '1' and <= '4')
        {
            var q = label[6] - '0';
            return q == 4 ? $"{year + 1}-Q1" : $"{year}-Q{q + 1}";
        }

        return null;
    }
}
