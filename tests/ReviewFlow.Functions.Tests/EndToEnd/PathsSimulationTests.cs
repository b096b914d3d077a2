using System.Text.Json.Nodes;

using Xunit;

namespace ReviewFlow.Functions.Tests.EndToEnd;

/// <summary>
/// The less travelled paths of Define and Agree (reminders, escalation, deadlines, revisions, rounds running
/// out) and meetings across time zones, run end to end on the real simulation and asserted from timeline.json.
/// See <see cref="PathsSimulationFixture"/> for which seller walks which path.
/// </summary>
public sealed class PathsSimulationTests(PathsSimulationFixture run) : IClassFixture<PathsSimulationFixture>
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void Simulate_Paths_EveryCycleCompletesWithOneAgreement()
    {
        Assert.Empty(run.Result.Failed);
        Assert.Equal(6, run.Result.Cycles);
        foreach (var seller in new[] { "slow", "quiet", "silent", "reviser", "stubborn", "kolkata" })
        {
            Assert.Single(run.For(seller, "CycleStarted"));
            Assert.Single(run.For(seller, "TargetsAgreed"));
            Assert.Single(run.For(seller, "QuarterClosed"));
        }
    }

    [Fact]
    public void Simulate_SlowManagerWithEscalateTo_RemindsAfterTwoDaysThenEscalatesAfterFourThenDefines()
    {
        var mark = run.People["mark@example.test"];
        var requested = Assert.Single(run.For("slow", "ExpectationsRequested"));
        var reminder = Assert.Single(run.For("slow", "ReminderSent"), e => About(e).Contains("expectations", StringComparison.Ordinal));
        var escalated = Assert.Single(run.For("slow", "Escalated"));
        var defined = Assert.Single(run.For("slow", "ExpectationsDefined"));

        Assert.Equal("mark@example.test", To(reminder));
        Assert.InRange(reminder.At - requested.At, TimeSpan.FromDays(2), TimeSpan.FromDays(3));
        Assert.True(mark.WorkingHours.Covers(reminder.At, Minute, mark.Zone), $"reminder at {reminder.At:u} is outside Mark's working hours");
        Assert.Single(run.For("slow", "EmailSent"), e => Template(e) == "reminder" && e.At == reminder.At && To(e) == "mark@example.test");

        Assert.Equal("dana@example.test", To(escalated));
        Assert.Contains("Sam Lowe", About(escalated), StringComparison.Ordinal);
        Assert.InRange(escalated.At - requested.At, TimeSpan.FromDays(4), TimeSpan.FromDays(5));
        Assert.True(mark.WorkingHours.Covers(escalated.At, Minute, mark.Zone), $"escalation at {escalated.At:u} is outside Mark's working hours");
        var escalation = Assert.Single(run.For("slow", "EmailSent"), e => Template(e) == "escalation");
        Assert.Equal("dana@example.test", To(escalation));
        Assert.Contains("mark@example.test", escalation.Data["cc"]!.AsArray().Select(c => c!.GetValue<string>()));

        // Mark answers 120 hours after the request; nothing nags him after that.
        Assert.InRange(defined.At - requested.At, TimeSpan.FromHours(120), TimeSpan.FromHours(121));
        Assert.True(reminder.At < escalated.At && escalated.At < defined.At);
        Assert.Equal(Json(run.Proposed["slow"]), Json(defined.Data["targets"]!));
        Assert.DoesNotContain(run.For("slow"), e => e.Type is "ReminderSent" or "Escalated" && e.At > defined.At && About(e).Contains("expectations", StringComparison.Ordinal));
    }

    [Fact]
    public void Simulate_SlowManagerWithoutEscalateTo_RemindsButNeverEscalates()
    {
        var nina = run.People["nina@example.test"];
        var requested = Assert.Single(run.For("quiet", "ExpectationsRequested"));
        var reminder = Assert.Single(run.For("quiet", "ReminderSent"), e => About(e).Contains("expectations", StringComparison.Ordinal));
        Assert.Equal("nina@example.test", To(reminder));
        Assert.InRange(reminder.At - requested.At, TimeSpan.FromDays(2), TimeSpan.FromDays(3));
        Assert.True(nina.WorkingHours.Covers(reminder.At, Minute, nina.Zone));

        Assert.DoesNotContain(run.Timeline, e => e.Team == "nina" && e.Type == "Escalated");
        Assert.DoesNotContain(run.Timeline.Where(e => e.Team == "nina" && e.Type == "EmailSent"), e => Template(e) == "escalation");
        var defined = Assert.Single(run.For("quiet", "ExpectationsDefined"));
        Assert.InRange(defined.At - requested.At, TimeSpan.FromHours(120), TimeSpan.FromHours(121));
    }

    [Fact]
    public void Simulate_SilentSeller_IsRemindedOnceThenTheDeadlineSettlesOnTheProposal()
    {
        var seller = run.People["silent@example.test"];
        var requested = Assert.Single(run.For("silent", "AgreementRequested"));
        var reminder = Assert.Single(run.For("silent", "ReminderSent"), e => About(e).Contains("targets", StringComparison.Ordinal));
        Assert.Equal("silent@example.test", To(reminder));
        Assert.InRange(reminder.At - requested.At, TimeSpan.FromDays(2), TimeSpan.FromDays(3));
        Assert.True(seller.WorkingHours.Covers(reminder.At, Minute, seller.Zone), $"reminder at {reminder.At:u} is outside the seller's working hours");

        var agreed = Assert.Single(run.For("silent", "TargetsAgreed"));
        Assert.Equal("DeadlinePassed", agreed.Data["settled"]!.GetValue<string>());
        Assert.InRange(agreed.At - requested.At, TimeSpan.FromDays(5), TimeSpan.FromDays(5) + TimeSpan.FromMinutes(5));
        Assert.Equal(Json(run.Proposed["silent"]), Json(agreed.Data["targets"]!));
        Assert.Equal(1, agreed.Data["rounds"]!.GetValue<int>());
        Assert.Empty(run.For("silent", "CounterProposed"));

        // The reviews still run, after the agreement and on the proposal's targets.
        var reviews = run.For("silent", "ReviewHeld").ToList();
        Assert.Equal(2, reviews.Count);
        Assert.All(reviews, r => Assert.True(r.At > agreed.At));
        Assert.All(reviews, r => Assert.Equal(run.Proposed["silent"].Keys.Order(StringComparer.Ordinal), r.Data["metrics"]!.AsObject().Select(m => m.Key).Order(StringComparer.Ordinal)));
        Assert.All(reviews, r => Assert.NotEqual("noData", r.Data["status"]!.GetValue<string>()));
    }

    [Fact]
    public void Simulate_ManagerRevisesThenSellerAccepts_AgreesTheRevisionInRoundTwo()
    {
        var requests = run.For("reviser", "AgreementRequested").ToList();
        Assert.Equal([1, 2], requests.Select(r => r.Data["round"]!.GetValue<int>()));
        Assert.Equal(80000, requests[1].Data["targets"]!["revenue"]!.GetValue<double>());
        var counter = Assert.Single(run.For("reviser", "CounterProposed"));
        Assert.Equal(70000, counter.Data["targets"]!["revenue"]!.GetValue<double>());
        Assert.True(requests[0].At < counter.At && counter.At < requests[1].At);

        var agreed = Assert.Single(run.For("reviser", "TargetsAgreed"));
        Assert.Equal("SellerAccepted", agreed.Data["settled"]!.GetValue<string>());
        Assert.Equal(2, agreed.Data["rounds"]!.GetValue<int>());
        Assert.Equal(80000, agreed.Data["targets"]!["revenue"]!.GetValue<double>());
        Assert.Equal(["Proposed", "Countered", "Revised", "SellerAccepted"], Steps(agreed));
        var revised = agreed.Data["audit"]!.AsArray().Single(a => a!["step"]!.GetValue<string>() == "Revised")!;
        Assert.Equal("mark", revised["by"]!.GetValue<string>());
        Assert.Contains("halfway", revised["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_ManagerRevisesOneTarget_KeepsTheTargetsTheRevisionDoesNotMention()
    {
        // The revision names revenue only (like the counter it answers): the lead indicator must not vanish.
        var expected = new Dictionary<string, double>(run.Proposed["reviser"]) { ["revenue"] = 80000 };
        var requests = run.For("reviser", "AgreementRequested").ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal(Json(expected), Json(requests[1].Data["targets"]!));
        var agreed = Assert.Single(run.For("reviser", "TargetsAgreed"));
        Assert.Equal(Json(expected), Json(agreed.Data["targets"]!));
    }

    [Fact]
    public void Simulate_SellerCountersEveryRoundAndManagerKeeps_RoundsRunOutOnTheManagersProposal()
    {
        var requests = run.For("stubborn", "AgreementRequested").ToList();
        Assert.Equal([1, 2], requests.Select(r => r.Data["round"]!.GetValue<int>()));
        Assert.Equal(PathsSimulationFixture.MaxAgreementRounds, requests.Count);
        var counters = run.For("stubborn", "CounterProposed").ToList();
        Assert.Equal([60000.0, 65000.0], counters.Select(c => c.Data["targets"]!["revenue"]!.GetValue<double>()));
        Assert.All(counters, c => Assert.False(string.IsNullOrWhiteSpace(c.Data["reason"]?.GetValue<string>())));
        Assert.Equal(2, run.For("stubborn", "EmailSent").Count(e => Template(e) == "counter-proposal" && To(e) == "mark@example.test"));

        var agreed = Assert.Single(run.For("stubborn", "TargetsAgreed"));
        Assert.Equal("RoundsExhausted", agreed.Data["settled"]!.GetValue<string>());
        Assert.Equal(Json(run.Proposed["stubborn"]), Json(agreed.Data["targets"]!));
        Assert.True(agreed.At > counters[^1].At);
        Assert.Equal(["Proposed", "Countered", "Kept", "Countered", "Kept", "RoundsExhausted"], Steps(agreed));
        var kept = agreed.Data["audit"]!.AsArray().Where(a => a!["step"]!.GetValue<string>() == "Kept").Select(a => a!["reason"]!.GetValue<string>()).ToList();
        Assert.Equal(["the pipeline covers it three times over", "we agreed the same number for the team"], kept);
    }

    [Fact]
    public void Simulate_SellerInKolkataAndManagerInLondon_EveryMeetingLiesInsideBothWorkingDays()
    {
        Assert.Equal("weekly", Assert.Single(run.For("kolkata", "CycleStarted")).Data["cadence"]!.GetValue<string>());
        var kolkata = run.For("kolkata", "ReviewBooked").ToList();
        Assert.Equal(PathsSimulationFixture.Weeks, kolkata.Count);
        Assert.Equal(PathsSimulationFixture.Weeks, run.For("kolkata", "ReviewHeld").Count());

        var meetings = run.Timeline.Where(e => e.Type == "ReviewBooked").ToList();
        foreach (var meeting in meetings)
        {
            var start = meeting.Utc("start");
            var end = meeting.Utc("end");
            var attendees = meeting.Data["attendees"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
            Assert.Equal(2, attendees.Count);
            foreach (var email in attendees)
            {
                var person = run.People[email];
                Assert.True(person.WorkingHours.Covers(start, end - start, person.Zone), $"{meeting.Seller}'s {meeting.Data["kind"]} at {start:u} is outside {email}'s working hours");
            }
        }

        Assert.All(kolkata, m => Assert.Contains("kavya@example.test", m.Data["attendees"]!.AsArray().Select(a => a!.GetValue<string>())));
    }

    private static string About(TimelineEntry e) => e.Data["about"]!.GetValue<string>();

    private static string To(TimelineEntry e) => e.Data["to"]!.GetValue<string>();

    private static string Template(TimelineEntry e) => e.Data["template"]!.GetValue<string>();

    private static List<string> Steps(TimelineEntry agreed) => [.. agreed.Data["audit"]!.AsArray().Select(a => a!["step"]!.GetValue<string>())];

    private static string Json(IReadOnlyDictionary<string, double> targets)
        => string.Join(",", targets.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => FormattableString.Invariant($"{t.Key}={t.Value}")));

    private static string Json(JsonNode targets)
        => Json(targets.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<double>()));
}
