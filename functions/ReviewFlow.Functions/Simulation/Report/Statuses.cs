namespace ReviewFlow.Functions.Simulation.Report;

/// <summary>Review statuses and attainment bands: a fixed CSS class (never data) and a text label for each.</summary>
internal static class Statuses
{
    public static (string Css, string Label) Of(string? status) => status switch
    {
        "below" => ("below", "below plan"),
        "onTrack" => ("ontrack", "on track"),
        "above" => ("above", "above plan"),
        "noData" => ("nodata", "no check-in"),
        null or "" => ("unknown", "unknown"),
        _ => ("unknown", status),
    };

    /// <summary>The band of one metric's attainment ratio, with the policy's thresholds.</summary>
    public static string BandOf(double? ratio, ReportThresholds thresholds) => ratio switch
    {
        null => "unknown",
        { } r when r < thresholds.BelowPlan => "below",
        { } r when r >= thresholds.AbovePlan => "above",
        _ => "onTrack",
    };

    public static (string Css, string Label) Phase(ReportPhase phase) => phase switch
    {
        ReportPhase.Define => ("ph-define", "Define"),
        ReportPhase.Agree => ("ph-agree", "Agree"),
        ReportPhase.Review => ("ph-review", "Review"),
        ReportPhase.Develop => ("ph-develop", "Develop (coaching open)"),
        ReportPhase.Closed => ("ph-closed", "Closed"),
        _ => ("unknown", "unknown"),
    };
}
