using ReviewFlow.Domain.Metrics;
using ReviewFlow.Domain.Policy;
using ReviewFlow.Domain.Quarters;
using ReviewFlow.Domain.Reviews;
using ReviewFlow.Domain.Trends;
using ReviewFlow.Functions.Simulation.Scenario;

namespace ReviewFlow.Functions.Tests.Simulation.Scenario;

/// <summary>
/// What the domain rules make of one seller's scripted quarter, without running the workflow: the agreed targets
/// (the scripted exchange replayed), the cadence, each review's status and the trend signals.
/// </summary>
internal sealed record QuarterStory(
    string SellerId,
    Cadence Cadence,
    IReadOnlyDictionary<string, double> Agreed,
    IReadOnlyList<(ReviewPeriod Period, ReviewStatus Status)> Reviews,
    IReadOnlyList<(ReviewPeriod Period, TrendSignal Signal)> Signals)
{
    public IEnumerable<ReviewPeriod> PeriodsWith(ReviewStatus status) => Reviews.Where(r => r.Status == status).Select(r => r.Period);

    public IEnumerable<ReviewPeriod> SignalsOf<T>()
        where T : TrendSignal => Signals.Where(s => s.Signal is T).Select(s => s.Period);

    /// <summary>"B O A N" style summary, for assertion messages.</summary>
    public string Summary => string.Join(' ', Reviews.Select(r => r.Status switch
    {
        ReviewStatus.Below => "B",
        ReviewStatus.Above => "A",
        ReviewStatus.OnTrack => "O",
        _ => "N",
    }));

    public static QuarterStory Of(Quarter quarter, ReviewPolicy policy, ScenarioSeller seller)
    {
        var cadence = Cadence.For(seller.Seller.StartedOn, quarter.Start, policy);
        var agreed = Agree(seller);
        var targets = ExpectationSet.From(agreed, MetricCatalogue.Default).Targets;
        var tracker = TrendTracker.Empty;
        var reviews = new List<(ReviewPeriod, ReviewStatus)>();
        var signals = new List<(ReviewPeriod, TrendSignal)>();
        foreach (var period in quarter.Periods(cadence.IntervalDays))
        {
            var weeks = period.Weeks.Select(seller.Script.WeekFigures).ToList();
            var evaluation = PeriodEvaluator.Evaluate(targets, weeks, quarter.Weeks, policy);
            reviews.Add((period, evaluation.Status));
            (tracker, var raised) = tracker.Record(quarter.WeekStartUtc(period.LastWeek).AddDays(4), evaluation.Status, policy);
            signals.AddRange(raised.Select(s => (period, s)));
        }

        return new QuarterStory(seller.Seller.Person.Id, cadence, agreed, reviews, signals);
    }

    // Replays the scripted exchange: a counter waits for the manager; a revision or a kept proposal goes back to the seller.
    private static Dictionary<string, double> Agree(ScenarioSeller seller)
    {
        var current = new Dictionary<string, double>(seller.Proposed);
        var manager = 0;
        foreach (var answer in seller.Script.Agreement)
        {
            if (answer.Accept)
            {
                return current;
            }

            var counter = Merge(current, answer.Counter!);
            var reply = seller.Script.ManagerOnCounter[manager++];
            if (reply.Accept)
            {
                return counter;
            }

            if (reply.Revise is not null)
            {
                current = Merge(current, reply.Revise);
            }
        }

        return current;
    }

    private static Dictionary<string, double> Merge(Dictionary<string, double> baseline, IReadOnlyDictionary<string, double> changes)
    {
        var merged = new Dictionary<string, double>(baseline);
        foreach (var (key, value) in changes)
        {
            merged[key] = value;
        }

        return merged;
    }
}
