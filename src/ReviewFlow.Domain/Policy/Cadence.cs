namespace ReviewFlow.Domain.Policy;

/// <summary>How often a seller is reviewed, and for how long.</summary>
/// <param name="Name">"weekly" or "fortnightly" (or "every N days" for custom policies).</param>
/// <param name="IntervalDays">Days between reviews.</param>
/// <param name="Length">Length of each review.</param>
public sealed record Cadence(string Name, int IntervalDays, TimeSpan Length)
{
    /// <summary>
    /// Structure scales with experience: tenure under the policy's threshold at the quarter's start means
    /// the new-seller cadence.
    /// </summary>
    public static Cadence For(DateOnly startedOn, DateOnly quarterStart, ReviewPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var isNew = startedOn.AddMonths(policy.NewSellerTenureMonths) > quarterStart;
        var days = isNew ? policy.NewSellerCadenceDays : policy.ExperiencedCadenceDays;
        return new Cadence(NameOf(days), days, policy.ReviewLength);
    }

    private static string NameOf(int days) => days switch
    {
        7 => "weekly",
        14 => "fortnightly",
        _ => $"every {days} days",
    };
}
