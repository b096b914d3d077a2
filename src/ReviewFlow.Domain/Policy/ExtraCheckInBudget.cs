namespace ReviewFlow.Domain.Policy;

/// <summary>Who asked for a check-in outside the agreed cadence.</summary>
public enum RequestedBy
{
    /// <summary>The manager: limited by the micromanagement budget.</summary>
    Manager,

    /// <summary>The seller: always allowed.</summary>
    Seller,
}

/// <summary>The answer to a request for an extra check-in.</summary>
/// <param name="Allowed">Whether it is booked.</param>
/// <param name="Reason">Why it was refused, in words a manager can act on; null when allowed.</param>
public sealed record ExtraCheckInDecision(bool Allowed, string? Reason)
{
    internal static readonly ExtraCheckInDecision Yes = new(true, null);
}

/// <summary>
/// The micromanagement budget: outside the agreed cadence a manager may request a limited number of extra
/// check-ins per seller in a rolling window of weeks; seller-initiated requests are always allowed.
/// </summary>
public static class ExtraCheckInBudget
{
    /// <summary>Decides a request in quarter week <paramref name="week"/>, given the weeks of extra check-ins the manager already had booked.</summary>
    public static ExtraCheckInDecision Decide(RequestedBy requestedBy, int week, IEnumerable<int> managerBookedWeeks, ReviewPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(managerBookedWeeks);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfLessThan(week, 1);
        if (requestedBy == RequestedBy.Seller)
        {
            return ExtraCheckInDecision.Yes;
        }

        var windowStart = week - policy.ManagerExtraWindowWeeks + 1;
        var used = managerBookedWeeks.Count(w => w >= windowStart && w <= week);
        if (used < policy.ManagerExtraCheckIns)
        {
            return ExtraCheckInDecision.Yes;
        }

        var allowance = policy.ManagerExtraCheckIns switch
        {
            0 => "The agreed rhythm has no extra check-ins requested by the manager.",
            1 => $"The agreed rhythm allows 1 extra check-in per {policy.ManagerExtraWindowWeeks} weeks, and it has been used in this window.",
            var n => $"The agreed rhythm allows {n} extra check-ins per {policy.ManagerExtraWindowWeeks} weeks, and they have been used in this window.",
        };
        return new ExtraCheckInDecision(
            false,
            allowance + " The next regular review is the place for this; the seller can still ask for one at any time.");
    }
}
