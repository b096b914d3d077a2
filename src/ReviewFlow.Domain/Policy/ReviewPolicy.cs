using System.Text.Json.Serialization;
using ReviewFlow.Domain.Metrics;

namespace ReviewFlow.Domain.Policy;

/// <summary>
/// The product rules of METHOD.md, each with its default and each configurable. One instance applies to a
/// whole quarter rollout, so every seller is held to the same, visible rules.
/// </summary>
public sealed record ReviewPolicy
{
    /// <summary>A metric under this attainment ratio makes a review "below plan".</summary>
    public double BelowPlanRatio { get; init; } = 0.85;

    /// <summary>Every metric at or over this ratio makes a review "above plan".</summary>
    public double AbovePlanRatio { get; init; } = 1.10;

    /// <summary>Coaching opens when at least this many of the last <see cref="CoachingWindow"/> reviews with a status are below plan.</summary>
    public int CoachingBelowCount { get; init; } = 3;

    /// <summary>How many recent reviews with a status the coaching trigger looks at.</summary>
    public int CoachingWindow { get; init; } = 4;

    /// <summary>Coaching closes after this many consecutive reviews that are not below plan.</summary>
    public int CoachingExitStreak { get; init; } = 2;

    /// <summary>This many reviews in a row above plan send recognition; the count then starts again.</summary>
    public int RecognitionStreak { get; init; } = 3;

    /// <summary>Sellers with less tenure than this at the quarter's start get the new-seller cadence.</summary>
    public int NewSellerTenureMonths { get; init; } = 6;

    /// <summary>Days between reviews for new sellers.</summary>
    public int NewSellerCadenceDays { get; init; } = 7;

    /// <summary>Days between reviews for everyone else.</summary>
    public int ExperiencedCadenceDays { get; init; } = 14;

    /// <summary>Length of a review meeting.</summary>
    public TimeSpan ReviewLength { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>Extra check-ins a manager may request per seller within <see cref="ManagerExtraWindowWeeks"/>.</summary>
    public int ManagerExtraCheckIns { get; init; } = 1;

    /// <summary>The rolling window, in weeks, of the manager's extra check-in budget.</summary>
    public int ManagerExtraWindowWeeks { get; init; } = 4;

    /// <summary>Metric definitions added to, or replacing, the default catalogue (this is where "lower is better" is declared).</summary>
    public IReadOnlyList<MetricDefinition> Metrics { get; init; } = [];

    /// <summary>The metric catalogue in force: the defaults with <see cref="Metrics"/> applied.</summary>
    [JsonIgnore]
    public MetricCatalogue Catalogue => Metrics.Count == 0 ? MetricCatalogue.Default : MetricCatalogue.Default.With(Metrics);

    /// <summary>Most rounds of proposal and counter-proposal before the manager's latest proposal applies.</summary>
    public int MaxAgreementRounds { get; init; } = 3;

    /// <summary>A reminder goes to whoever is awaited (manager or seller) after this long without an answer.</summary>
    public TimeSpan ReminderAfter { get; init; } = TimeSpan.FromDays(2);

    /// <summary>A manager who still has not acted this long after a request is escalated to their own manager (when configured).</summary>
    public TimeSpan EscalateAfter { get; init; } = TimeSpan.FromDays(4);

    /// <summary>A seller who has not answered the proposal this long after it was sent: the proposal stands.</summary>
    public TimeSpan AgreementDeadline { get; init; } = TimeSpan.FromDays(5);

    /// <summary>The check-in form goes out this long before the review.</summary>
    public TimeSpan CheckInLeadTime { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Without a check-in, one reminder goes out this long before the review; then the review is held without data.</summary>
    public TimeSpan CheckInReminderBefore { get; init; } = TimeSpan.FromHours(3);

    /// <summary>The coaching conversation is booked within this many days after the review that opened coaching.</summary>
    public int CoachingWithinDays { get; init; } = 5;

    /// <summary>The defaults of METHOD.md.</summary>
    public static ReviewPolicy Default { get; } = new();

    /// <summary>Checks the values are coherent; returns one message per problem, naming the setting.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (BelowPlanRatio <= 0 || BelowPlanRatio >= AbovePlanRatio)
        {
            problems.Add($"{nameof(BelowPlanRatio)} must be above 0 and below {nameof(AbovePlanRatio)} ({BelowPlanRatio} vs {AbovePlanRatio}).");
        }

        if (CoachingWindow < 1 || CoachingBelowCount < 1 || CoachingBelowCount > CoachingWindow)
        {
            problems.Add($"{nameof(CoachingBelowCount)} must be between 1 and {nameof(CoachingWindow)} ({CoachingBelowCount} of {CoachingWindow}).");
        }

        if (CoachingExitStreak < 1)
        {
            problems.Add($"{nameof(CoachingExitStreak)} must be at least 1.");
        }

        if (RecognitionStreak < 1)
        {
            problems.Add($"{nameof(RecognitionStreak)} must be at least 1.");
        }

        if (NewSellerCadenceDays < 1 || ExperiencedCadenceDays < 1)
        {
            problems.Add("Cadence days must be at least 1.");
        }

        if (ManagerExtraCheckIns < 0 || ManagerExtraWindowWeeks < 1)
        {
            problems.Add($"{nameof(ManagerExtraCheckIns)} must be 0 or more and {nameof(ManagerExtraWindowWeeks)} at least 1.");
        }

        if (MaxAgreementRounds < 1)
        {
            problems.Add($"{nameof(MaxAgreementRounds)} must be at least 1.");
        }

        if (ReminderAfter <= TimeSpan.Zero || EscalateAfter <= ReminderAfter || AgreementDeadline <= ReminderAfter)
        {
            problems.Add($"{nameof(ReminderAfter)} must be positive and shorter than {nameof(EscalateAfter)} and {nameof(AgreementDeadline)}.");
        }

        if (CheckInLeadTime <= CheckInReminderBefore || CheckInReminderBefore <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(CheckInLeadTime)} must be longer than {nameof(CheckInReminderBefore)}, and both positive.");
        }

        if (ReviewLength <= TimeSpan.Zero || ReviewLength > TimeSpan.FromHours(4))
        {
            problems.Add($"{nameof(ReviewLength)} must be between 1 minute and 4 hours.");
        }

        if (CoachingWithinDays < 1)
        {
            problems.Add($"{nameof(CoachingWithinDays)} must be at least 1.");
        }

        return problems;
    }
}
