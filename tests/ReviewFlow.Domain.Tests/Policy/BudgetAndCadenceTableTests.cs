using System.Globalization;

using ReviewFlow.Domain.Policy;
using Xunit;

namespace ReviewFlow.Domain.Tests.Policy;

/// <summary>METHOD.md rules 3 and 4 as tables: cadence by tenure, and the manager's extra check-in budget.</summary>
public sealed class BudgetAndCadenceTableTests
{
    /// <summary>Each row: weeks the manager already had extra check-ins booked, the request, and whether it is booked.</summary>
    [Theory]
    [InlineData("", 1, RequestedBy.Manager, true)]
    [InlineData("3", 3, RequestedBy.Manager, false)] // same week
    [InlineData("3", 4, RequestedBy.Manager, false)] // window weeks 1-4 holds week 3
    [InlineData("3", 5, RequestedBy.Manager, false)] // window weeks 2-5
    [InlineData("3", 6, RequestedBy.Manager, false)] // window weeks 3-6
    [InlineData("3", 7, RequestedBy.Manager, true)] // window weeks 4-7: week 3 has rolled out
    [InlineData("1", 5, RequestedBy.Manager, true)]
    [InlineData("3,7", 10, RequestedBy.Manager, false)]
    [InlineData("3,7", 11, RequestedBy.Manager, true)]
    // Seller requests are always allowed, whatever the manager used.
    [InlineData("3", 4, RequestedBy.Seller, true)]
    [InlineData("3,4,5", 5, RequestedBy.Seller, true)]
    [InlineData("", 1, RequestedBy.Seller, true)]
    public void Decide_DefaultBudget_OnePerRollingFourWeeksForManagers(string booked, int week, RequestedBy by, bool allowed)
    {
        var decision = ExtraCheckInBudget.Decide(by, week, Numbers(booked), ReviewPolicy.Default);

        Assert.Equal(allowed, decision.Allowed);
        Assert.Equal(allowed, decision.Reason is null);
    }

    /// <summary>Each row: a sequence of requests ("week:M" manager, "week:S" seller) decided in order, and the answers.</summary>
    [Theory]
    [InlineData("3:M 4:M 5:S", "yes no yes")] // the SCENARIO.md example
    [InlineData("3:M 4:M 5:M 7:M", "yes no no yes")]
    [InlineData("3:M 3:S 4:S 6:M 7:M 8:M", "yes yes yes no yes no")]
    [InlineData("1:M 5:M 9:M 13:M", "yes yes yes yes")] // one every four weeks is within budget
    public void Decide_RequestsInOrder_RefusedOnesDoNotUseTheBudget(string requests, string expected)
    {
        var booked = new List<int>();
        var answers = new List<string>();
        foreach (var request in requests.Split(' '))
        {
            var week = int.Parse(request[..^2], CultureInfo.InvariantCulture);
            var by = request[^1] == 'M' ? RequestedBy.Manager : RequestedBy.Seller;
            var decision = ExtraCheckInBudget.Decide(by, week, booked, ReviewPolicy.Default);
            if (decision.Allowed && by == RequestedBy.Manager)
            {
                booked.Add(week);
            }

            answers.Add(decision.Allowed ? "yes" : "no");
        }

        Assert.Equal(expected, string.Join(' ', answers));
    }

    [Theory]
    [InlineData(2, 4, "3", 4, true)] // two per four weeks
    [InlineData(2, 4, "3,4", 5, false)]
    [InlineData(1, 2, "3", 5, true)] // a two-week window
    [InlineData(1, 2, "3", 4, false)]
    [InlineData(0, 4, "", 1, false)] // no budget at all
    public void Decide_CustomBudget_AppliesPolicy(int perWindow, int windowWeeks, string booked, int week, bool allowed)
    {
        var policy = ReviewPolicy.Default with { ManagerExtraCheckIns = perWindow, ManagerExtraWindowWeeks = windowWeeks };

        Assert.Equal(allowed, ExtraCheckInBudget.Decide(RequestedBy.Manager, week, Numbers(booked), policy).Allowed);
        Assert.True(ExtraCheckInBudget.Decide(RequestedBy.Seller, week, Numbers(booked), policy).Allowed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Decide_WeekBeforeTheQuarter_Throws(int week) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ExtraCheckInBudget.Decide(RequestedBy.Seller, week, [], ReviewPolicy.Default));

    /// <summary>Under 6 months' tenure at the quarter's start: weekly; otherwise fortnightly; always 20 minutes.</summary>
    [Theory]
    [InlineData("2026-07-04", "2027-01-04", "weekly", 7, false)] // exactly six months
    [InlineData("2026-07-04", "2027-01-04", "fortnightly", 14, true)]
    [InlineData("2026-07-05", "2027-01-04", "weekly", 7, true)] // a day short
    [InlineData("2026-07-03", "2027-01-04", "fortnightly", 14, true)]
    [InlineData("2027-01-04", "2027-01-04", "weekly", 7, true)] // starts with the quarter
    [InlineData("2027-02-01", "2027-01-04", "weekly", 7, true)] // joins during the quarter
    [InlineData("2020-05-01", "2027-01-04", "fortnightly", 14, true)]
    [InlineData("2026-08-31", "2027-02-28", "fortnightly", 14, true)] // six months from the 31st ends on the last day of February
    [InlineData("2026-08-31", "2027-02-27", "weekly", 7, true)]
    [InlineData("2027-08-31", "2028-02-29", "fortnightly", 14, true)] // leap year
    public void CadenceFor_Tenure_WeeklyUnderSixMonths(string startedOn, string quarterStart, string name, int days, bool matches)
    {
        var cadence = Cadence.For(Date(startedOn), Date(quarterStart), ReviewPolicy.Default);

        Assert.Equal(matches, cadence.Name == name && cadence.IntervalDays == days);
        Assert.Equal(TimeSpan.FromMinutes(20), cadence.Length);
    }

    [Theory]
    [InlineData(3, 5, 10, "2026-11-01", "every 5 days", 5)] // 2 months in, under a 3-month threshold
    [InlineData(3, 5, 10, "2026-10-04", "every 10 days", 10)] // exactly 3 months
    [InlineData(12, 7, 14, "2026-06-01", "weekly", 7)] // under a 12-month threshold
    public void CadenceFor_CustomPolicy_UsesConfiguredThresholdAndDays(int months, int newDays, int experiencedDays, string startedOn, string name, int days)
    {
        var policy = ReviewPolicy.Default with
        {
            NewSellerTenureMonths = months,
            NewSellerCadenceDays = newDays,
            ExperiencedCadenceDays = experiencedDays,
            ReviewLength = TimeSpan.FromMinutes(30),
        };

        var cadence = Cadence.For(Date(startedOn), Date("2027-01-04"), policy);

        Assert.Equal(new Cadence(name, days, TimeSpan.FromMinutes(30)), cadence);
    }

    private static DateOnly Date(string value) => DateOnly.Parse(value, CultureInfo.InvariantCulture);

    private static int[] Numbers(string csv) =>
        [.. csv.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
}
