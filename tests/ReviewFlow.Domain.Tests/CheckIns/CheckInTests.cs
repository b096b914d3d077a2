using ReviewFlow.Domain.CheckIns;
using Xunit;

namespace ReviewFlow.Domain.Tests.CheckIns;

public sealed class CheckInTests
{
    private static readonly int[] Expected = [3, 4];
    private static readonly string[] Keys = ["revenue", "newConversations", "proposalTurnaroundDays"];

    private static WeeklyFigures Week(int week, double revenue = 6000, double conversations = 9, double turnaround = 3) =>
        new(week, new Dictionary<string, double>
        {
            ["revenue"] = revenue,
            ["newConversations"] = conversations,
            ["proposalTurnaroundDays"] = turnaround,
        });

    private static CheckIn Form(IReadOnlyList<WeeklyFigures> weeks, string? working = "Two referrals", string? notWorking = null, string? supportNeeded = null) =>
        new(weeks, working, notWorking, supportNeeded);

    /// <summary>Each row: a check-in for weeks 3 and 4, and the fields its problems name, in order.</summary>
    public static TheoryData<string, CheckIn, string[]> ValidationCases => new()
    {
        { "complete", Form([Week(3), Week(4)]), [] },
        { "one week only", Form([Week(4)]), [] },
        { "no figures, answers only", Form([]), [] },
        { "zero is a valid figure", Form([Week(3, revenue: 0, conversations: 0, turnaround: 0)]), [] },
        { "week outside the period", Form([Week(3), Week(5)]), ["weeks[1].week"] },
        { "week repeated", Form([Week(3), Week(3)]), ["weeks[1].week"] },
        { "negative revenue", Form([Week(3), Week(4, revenue: -1)]), ["weeks[1].values.revenue"] },
        { "NaN conversations", Form([Week(3, conversations: double.NaN)]), ["weeks[0].values.newConversations"] },
        { "infinite turnaround", Form([Week(3, turnaround: double.PositiveInfinity)]), ["weeks[0].values.proposalTurnaroundDays"] },
        { "key not asked for", Form([new WeeklyFigures(3, new Dictionary<string, double> { ["calls"] = 40 })]), ["weeks[0].values.calls"] },
        { "per-week key instead of the reported key", Form([new WeeklyFigures(4, new Dictionary<string, double> { ["newConversationsPerWeek"] = 9 })]), ["weeks[0].values.newConversationsPerWeek"] },
        { "answer at the limit", Form([Week(3)], working: new string('a', CheckIn.MaxAnswerLength)), [] },
        { "working too long", Form([Week(3)], working: new string('a', CheckIn.MaxAnswerLength + 1)), ["working"] },
        { "not working too long", Form([Week(3)], notWorking: new string('a', CheckIn.MaxAnswerLength + 1)), ["notWorking"] },
        { "support too long", Form([Week(3)], supportNeeded: new string('a', CheckIn.MaxAnswerLength + 1)), ["supportNeeded"] },
        { "several problems", Form([Week(9, revenue: -1), Week(4)], supportNeeded: new string('a', 2001)), ["weeks[0].week", "weeks[0].values.revenue", "supportNeeded"] },
    };

    [Theory]
    [MemberData(nameof(ValidationCases))]
    public void Validate_Form_NamesEachProblemField(string because, CheckIn checkIn, string[] fields)
    {
        var problems = checkIn.Validate(Expected, Keys);

        var named = problems.Select(p => p[..p.IndexOf(':', StringComparison.Ordinal)]).ToArray();
        Assert.True(fields.SequenceEqual(named), $"{because}: expected [{string.Join(", ", fields)}], got [{string.Join(" | ", problems)}]");
    }

    [Theory]
    [InlineData("3,4", "3,4", "3,4")]
    [InlineData("4,3", "3,4", "3,4")] // the requested order, not the form's
    [InlineData("3", "3,4", "3,-")] // a week not reported is null
    [InlineData("", "3,4", "-,-")]
    [InlineData("3,4", "4", "4")]
    public void ForWeeks_RequestedWeeks_FiguresInThatOrderOrNull(string reported, string requested, string expected)
    {
        var checkIn = Form([.. Numbers(reported).Select(w => Week(w, revenue: w * 1000))]);

        var figures = checkIn.ForWeeks(Numbers(requested));

        var actual = string.Join(',', figures.Select(f => f is null ? "-" : (f["revenue"] / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(expected, actual);
    }

    private static int[] Numbers(string csv) =>
        [.. csv.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))];
}
