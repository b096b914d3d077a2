using System.Text.Json.Nodes;

using ReviewFlow.Domain.Agreement;
using ReviewFlow.Domain.Metrics;
using ReviewFlow.Domain.Policy;
using ReviewFlow.Domain.Reviews;
using ReviewFlow.Functions.Simulation.Report;
using ReviewFlow.Functions.Web.Actions.Define;
using ReviewFlow.Integrations.Journal;

namespace ReviewFlow.Functions.Web.Dashboard;

/// <summary>One target as the page lists it.</summary>
/// <param name="Key">The metric's key.</param>
/// <param name="Label">"revenue (£)".</param>
/// <param name="Kind">"a quarter total", "a weekly figure", "lower is better".</param>
/// <param name="Amount">"90,000 £".</param>
/// <param name="Why">Why the metric matters.</param>
internal sealed record TargetRow(string Key, string Label, string Kind, string Amount, string Why);

/// <summary>One step of the agreement: who did what, with which targets, why and when.</summary>
internal sealed record AuditStep(DateTime? At, int? Round, string By, string Step, string Targets, string? Reason);

/// <summary>Something that happened, in words, with details (a coaching plan's actions).</summary>
/// <param name="At">When.</param>
/// <param name="Text">What happened.</param>
/// <param name="When">A second time the item is about (the meeting booked), shown after the text.</param>
/// <param name="Details">Lines under it.</param>
internal sealed record TimelineItem(DateTime At, string Text, DateTime? When = null, IReadOnlyList<string>? Details = null);

/// <summary>An email ReviewFlow sent for the cycle.</summary>
internal sealed record EmailItem(DateTime At, string To, IReadOnlyList<string> Cc, string Subject, string? Template);

/// <summary>One metric at the quarter's close.</summary>
internal sealed record CloseRow(string Label, double? Target, double? Actual, double? Ratio);

/// <summary>
/// One seller's cycle for its detail page, read from the cycle's journal: the targets and how they were agreed, a
/// plan-vs-actual series per metric, coaching and its follow-ups, reminders and other follow-ups, the emails sent, and
/// the quarter's close. The policy in force names the metrics and sets the bands' thresholds.
/// </summary>
internal sealed class SellerCycleView
{
    private SellerCycleView(CycleFacts facts) => Facts = facts;

    public CycleFacts Facts { get; }

    /// <summary>"agreed", "proposed" (not agreed yet), or "none" (nothing defined yet).</summary>
    public string TargetsState { get; private set; } = "none";

    public IReadOnlyList<TargetRow> Targets { get; private set; } = [];

    public DateTime? AgreedAt { get; private set; }

    /// <summary>How the agreement settled, in words.</summary>
    public string? Settled { get; private set; }

    public int? Rounds { get; private set; }

    public IReadOnlyList<AuditStep> Audit { get; private set; } = [];

    public IReadOnlyList<ChartSeries> Charts { get; private set; } = [];

    public IReadOnlyList<TimelineItem> Coaching { get; private set; } = [];

    public IReadOnlyList<TimelineItem> FollowUps { get; private set; } = [];

    public IReadOnlyList<EmailItem> Emails { get; private set; } = [];

    public IReadOnlyList<CloseRow> Close { get; private set; } = [];

    public static SellerCycleView Build(string cycleId, IReadOnlyList<JournalEntry> entries, DateTime now, ReviewPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(policy);
        var facts = CycleFacts.Of(cycleId, entries, now);
        var catalogue = policy.Catalogue;
        var view = new SellerCycleView(facts);
        JournalEntry? agreed = null;
        JournalEntry? proposal = null;
        var steps = new List<AuditStep>();
        var coaching = new List<TimelineItem>();
        var follow = new List<TimelineItem>();
        var emails = new List<EmailItem>();
        var coachingOpen = false;
        foreach (var entry in entries)
        {
            var d = entry.Data;
            switch (entry.Type)
            {
                case "ExpectationsDefined":
                    proposal = entry;
                    steps.Add(new AuditStep(entry.At, null, facts.ManagerName, "defined the expectations", TargetsText(d, catalogue), null));
                    break;
                case "AgreementRequested":
                    proposal = entry;
                    steps.Add(new AuditStep(entry.At, JsonRead.Int(d, "round"), facts.ManagerName, "proposed the targets to the seller", TargetsText(d, catalogue), null));
                    break;
                case "CounterProposed":
                    steps.Add(new AuditStep(entry.At, JsonRead.Int(d, "round"), facts.SellerName, "proposed changes", TargetsText(d, catalogue), JsonRead.Str(d, "reason")));
                    break;
                case "TargetsAgreed":
                    agreed = entry;
                    break;
                case "CoachingOpened":
                    coachingOpen = true;
                    coaching.Add(new TimelineItem(entry.At, "Coaching opened: " + (JsonRead.Str(d, "reason") ?? "a sustained gap"), Details: ReviewTimes(d)));
                    break;
                case "ReflectionRequested":
                    coaching.Add(new TimelineItem(entry.At, "Reflection form sent to " + facts.SellerName));
                    break;
                case "ReflectionSubmitted":
                    coaching.Add(new TimelineItem(entry.At, facts.SellerName + " sent their reflection"));
                    break;
                case "CoachingBooked":
                    coaching.Add(new TimelineItem(entry.At, "Coaching conversation booked for", Fmt.ParseIso(JsonRead.Str(d, "start"))));
                    break;
                case "CoachingPlanRecorded":
                    coaching.Add(new TimelineItem(entry.At, "Plan recorded, diagnosis: " + (JsonRead.Str(d, "diagnosis") ?? "not given"), Details: JsonRead.Strings(d, "actions")));
                    break;
                case "CoachingClosed":
                    coachingOpen = false;
                    coaching.Add(new TimelineItem(entry.At, "Coaching closed: back on track"));
                    break;
                case "ReviewHeld" when coachingOpen:
                    coaching.Add(new TimelineItem(entry.At, $"Follow-up at the review of {Fmt.Weeks(JsonRead.Ints(d, "weeks"))}: {StatusWords(JsonRead.Str(d, "status"))}"));
                    break;
                case "ReminderSent" or "Escalated":
                    follow.Add(new TimelineItem(entry.At, $"{(entry.Type == "Escalated" ? "Escalated" : "Reminder")} about {JsonRead.Str(d, "about") ?? "an open step"}{To(d)}"));
                    break;
                case "ExtraCheckInBooked":
                    follow.Add(new TimelineItem(entry.At, $"Extra check-in (week {JsonRead.Int(d, "week")}, asked by the {JsonRead.Str(d, "by") ?? "manager"}) booked for", Fmt.ParseIso(JsonRead.Str(d, "start"))));
                    break;
                case "ExtraCheckInRefused":
                    follow.Add(new TimelineItem(entry.At, $"Extra check-in (week {JsonRead.Int(d, "week")}, asked by the {JsonRead.Str(d, "by") ?? "manager"}) refused: {JsonRead.Str(d, "reason") ?? "outside the budget"}"));
                    break;
                case "RecognitionSent":
                    follow.Add(new TimelineItem(entry.At, $"Recognition sent to {facts.SellerName} (manager copied)"));
                    break;
                case "MeetingNotBooked":
                    follow.Add(new TimelineItem(entry.At, $"No {JsonRead.Str(d, "kind") ?? "meeting"} could be booked: {JsonRead.Str(d, "reason") ?? "no free time"}"));
                    break;
                case "AnswerRejected":
                    follow.Add(new TimelineItem(entry.At, $"An answer was not accepted: {JsonRead.Str(d, "problem") ?? "it did not fit the step"}"));
                    break;
                case "CycleCancelled":
                    follow.Add(new TimelineItem(entry.At, $"Cycle cancelled by {JsonRead.Str(d, "by") ?? "RevOps"}: {JsonRead.Str(d, "reason") ?? "no reason given"}"));
                    break;
                case "CycleAbandoned":
                    follow.Add(new TimelineItem(entry.At, "Cycle ended: " + (JsonRead.Str(d, "reason") ?? "no expectation set was defined")));
                    break;
                case "EmailSent":
                    emails.Add(new EmailItem(entry.At, JsonRead.Str(d, "to") ?? "", JsonRead.Strings(d, "cc"), JsonRead.Str(d, "subject") ?? "(no subject)", JsonRead.Str(d, "template")));
                    break;
                case "QuarterClosed":
                    view.Close = CloseRows(d, catalogue);
                    break;
                default:
                    break;
            }
        }

        view.SetTargets(agreed, proposal, steps, catalogue);
        view.Charts = Series(facts, view.Targets.Select(t => t.Key), catalogue, policy);
        view.Coaching = coaching;
        view.FollowUps = follow;
        view.Emails = emails;
        return view;
    }

    /// <summary>The chart series of every metric: the targets' first, in their order, then any other metric a review reported.</summary>
    public static IReadOnlyList<ChartSeries> Series(CycleFacts facts, IEnumerable<string> targetKeys, MetricCatalogue catalogue, ReviewPolicy policy)
    {
        var keys = targetKeys.ToList();
        foreach (var key in facts.Reviews.SelectMany(r => r.Metrics.Keys))
        {
            if (!keys.Contains(key))
            {
                keys.Add(key);
            }
        }

        return [.. keys.Select(key =>
        {
            var metric = catalogue.Resolve(key);
            var points = facts.Reviews.Select(r => Point(r, key, policy)).ToList();
            return new ChartSeries(key, MetricWords.Label(key, metric) + ": plan vs actual", YTitle(key, metric), metric.Kind == MetricKind.LowerIsBetter, points);
        })];
    }

    private static ChartPoint Point(ReviewPoint review, string key, ReviewPolicy policy)
    {
        var m = review.Status != "noData" && review.Metrics.TryGetValue(key, out var found) ? found : null;
        var band = m?.Actual is null ? "nodata"
            : m.Ratio is not { } r ? "ontrack"
            : r < policy.BelowPlanRatio ? "below"
            : r >= policy.AbovePlanRatio ? "above"
            : "ontrack";
        return new ChartPoint(review.WeeksLabel, m?.Plan, m?.Actual, m?.Ratio, band);
    }

    /// <summary>What the y axis counts: a total over the review's weeks, a weekly average, or lower-is-better.</summary>
    private static string YTitle(string key, MetricDefinition metric)
    {
        var unit = string.IsNullOrEmpty(metric.Unit) ? key : metric.Unit;
        return metric.Kind switch
        {
            MetricKind.PerWeekIndicator => $"{unit} a week",
            MetricKind.LowerIsBetter => $"{unit} (lower is better)",
            _ => $"{unit} in the review's weeks",
        };
    }

    private void SetTargets(JournalEntry? agreed, JournalEntry? proposal, List<AuditStep> steps, MetricCatalogue catalogue)
    {
        if (agreed is not null)
        {
            TargetsState = "agreed";
            Targets = Rows(agreed.Data, catalogue);
            AgreedAt = agreed.At;
            Rounds = JsonRead.Int(agreed.Data, "rounds");
            Settled = SettledWords(JsonRead.Str(agreed.Data, "settled"));

            // The agreement's own audit is the complete record (who, what, why, when); the entries only say part of it.
            var audit = FromAudit(agreed.Data, catalogue);
            Audit = audit.Count > 0 ? audit : steps;
            return;
        }

        TargetsState = proposal is null ? "none" : "proposed";
        Targets = proposal is null ? [] : Rows(proposal.Data, catalogue);
        Audit = steps;
    }

    private List<AuditStep> FromAudit(JsonObject data, MetricCatalogue catalogue)
    {
        var steps = new List<AuditStep>();
        foreach (var node in JsonRead.Arr(data, "audit") ?? [])
        {
            if (node is not JsonObject step)
            {
                continue;
            }

            var by = JsonRead.Str(step, "by");
            var who = by == Facts.SellerId ? Facts.SellerName
                : by == Facts.Team ? Facts.ManagerName
                : by == TargetAgreement.SystemActor ? "ReviewFlow"
                : by ?? "someone";
            steps.Add(new AuditStep(Fmt.ParseIso(JsonRead.Str(step, "at")), JsonRead.Int(step, "round"), who, StepWords(JsonRead.Str(step, "step")), TargetsText(step, catalogue), JsonRead.Str(step, "reason")));
        }

        return steps;
    }

    private static List<TargetRow> Rows(JsonObject data, MetricCatalogue catalogue) =>
        [.. JsonRead.NumberMap(data, "targets").Select(t =>
        {
            var metric = catalogue.Resolve(t.Key);
            return new TargetRow(t.Key, MetricWords.Label(t.Key, metric), MetricWords.Kind(metric.Kind), MetricWords.Amount(t.Value, metric), metric.Why);
        })];

    private static string TargetsText(JsonObject data, MetricCatalogue catalogue) =>
        string.Join(", ", JsonRead.NumberMap(data, "targets").Select(t => $"{t.Key} {MetricWords.Amount(t.Value, catalogue.Resolve(t.Key))}"));

    private static List<CloseRow> CloseRows(JsonObject data, MetricCatalogue catalogue)
    {
        var rows = new List<CloseRow>();
        foreach (var (key, node) in JsonRead.Obj(data, "metrics") ?? [])
        {
            var m = node as JsonObject;
            rows.Add(new CloseRow(MetricWords.Label(key, catalogue.Resolve(key)), JsonRead.Num(m, "target"), JsonRead.Num(m, "actual"), JsonRead.Num(m, "ratio")));
        }

        return rows;
    }

    private static string StepWords(string? step) => step switch
    {
        nameof(AgreementStep.Proposed) => "proposed the targets",
        nameof(AgreementStep.Countered) => "proposed changes",
        nameof(AgreementStep.SellerAccepted) => "accepted the targets",
        nameof(AgreementStep.ManagerAccepted) => "accepted the changes",
        nameof(AgreementStep.Revised) => "revised the proposal",
        nameof(AgreementStep.Kept) => "kept the proposal",
        nameof(AgreementStep.DeadlinePassed) => "closed the round: no answer by the deadline",
        nameof(AgreementStep.RoundsExhausted) => "closed the agreement: the rounds ran out",
        _ => step ?? "acted",
    };

    private static string? SettledWords(string? settled) => settled switch
    {
        nameof(AgreementStep.SellerAccepted) => "the seller accepted the proposal",
        nameof(AgreementStep.ManagerAccepted) => "the manager accepted the seller's changes",
        nameof(AgreementStep.DeadlinePassed) => "no answer came by the deadline, so the standing proposal applies",
        nameof(AgreementStep.RoundsExhausted) => "the rounds ran out, so the latest proposal applies",
        _ => settled,
    };

    private static string StatusWords(string? status) => status switch
    {
        "below" => "below plan",
        "onTrack" => "on track",
        "above" => "above plan",
        _ => "no check-in",
    };

    private static List<string> ReviewTimes(JsonObject data) =>
        JsonRead.Strings(data, "reviews") is { Count: > 0 } reviews ? ["After the reviews of " + string.Join(", ", reviews.Select(r => Fmt.ParseIso(r) is { } at ? Fmt.Date(at) : r))] : [];

    private static string To(JsonObject data) => JsonRead.Strings(data, "to") is { Count: > 0 } to ? " (to " + string.Join(", ", to) + ")" : "";
}
