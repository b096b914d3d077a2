using System.Text.Json.Nodes;
using ReviewFlow.Domain.People;
using Xunit;

namespace ReviewFlow.Functions.Tests.EndToEnd;

/// <summary>
/// The shipped Leeds scenario, run end to end (real engine, real workflows, Azurite, virtual time): each
/// behaviour of METHOD.md is asserted from timeline.json, the file a user reads.
/// </summary>
public sealed class LeedsSimulationTests(LeedsSimulationFixture run) : IClassFixture<LeedsSimulationFixture>
{
    private static readonly string[] Sellers = ["priya", "tom", "aisha", "ben", "chloe"];

    [Fact]
    public void Simulate_LeedsTeam_EveryCycleCompletesAndClosesTheQuarter()
    {
        Assert.Empty(run.Result.Failed);
        foreach (var seller in Sellers)
        {
            Assert.Single(run.For(seller, "CycleStarted"));
            Assert.Single(run.For(seller, "TargetsAgreed"));
            var closed = Assert.Single(run.For(seller, "QuarterClosed"));
            Assert.NotEmpty(closed.Data["metrics"]!.AsObject());
            Assert.Single(run.For(seller, "NextQuarterPrepared"));
        }
    }

    [Fact]
    public void Simulate_NewSeller_IsReviewedWeekly()
    {
        Assert.Equal("weekly", run.For("priya", "CycleStarted").Single().Data["cadence"]!.GetValue<string>());
        Assert.Equal(13, run.For("priya", "ReviewHeld").Count());
        foreach (var experienced in new[] { "tom", "aisha", "ben", "chloe" })
        {
            Assert.Equal("fortnightly", run.For(experienced, "CycleStarted").Single().Data["cadence"]!.GetValue<string>());
            Assert.Equal(7, run.For(experienced, "ReviewHeld").Count());
        }
    }

    [Fact]
    public void Simulate_CounterProposal_IsRoutedToTheManagerAndTheCounterIsAgreed()
    {
        var counter = Assert.Single(run.For("tom", "CounterProposed"));
        Assert.False(string.IsNullOrWhiteSpace(counter.Data["reason"]?.GetValue<string>()));
        var routed = run.For("tom", "EmailSent").First(e => e.Data["template"]!.GetValue<string>() == "counter-proposal");
        Assert.Equal("mark@example.test", routed.Data["to"]!.GetValue<string>());

        var agreed = Assert.Single(run.For("tom", "TargetsAgreed"));
        Assert.Equal(counter.Data["targets"]!["revenue"]!.GetValue<double>(), agreed.Data["targets"]!["revenue"]!.GetValue<double>());
        Assert.Equal("ManagerAccepted", agreed.Data["settled"]!.GetValue<string>());
        Assert.True(agreed.At > counter.At);

        // The audit says who proposed what and when.
        var steps = agreed.Data["audit"]!.AsArray().Select(a => a!["step"]!.GetValue<string>()).ToList();
        Assert.Equal(["Proposed", "Countered", "ManagerAccepted"], steps);
    }

    [Fact]
    public void Simulate_SingleBadWeek_IsOneReviewBelowPlanAndNoCoaching()
    {
        var statuses = run.For("aisha", "ReviewHeld").Select(e => e.Data["status"]!.GetValue<string>()).ToList();
        Assert.Equal(1, statuses.Count(s => s == "below"));
        Assert.Empty(run.For("aisha", "CoachingOpened"));
    }

    [Fact]
    public void Simulate_SustainedGap_OpensCoachingWithDiagnosisBeforePrescription()
    {
        var opened = Assert.Single(run.For("ben", "CoachingOpened"));
        var triggering = opened.Data["reviews"]!.AsArray().Select(r => DateTime.Parse(r!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal)).ToList();
        Assert.True(triggering.Count >= 3);
        var belowAt = run.For("ben", "ReviewHeld").Where(e => e.Data["status"]!.GetValue<string>() == "below").Select(e => e.At).ToHashSet();
        Assert.All(triggering, at => Assert.Contains(at, belowAt));

        // Reflection first, then the one conversation, then the diagnosis and plan, in that order.
        var reflection = Assert.Single(run.For("ben", "ReflectionRequested"));
        var booked = Assert.Single(run.For("ben", "CoachingBooked"));
        var plan = Assert.Single(run.For("ben", "CoachingPlanRecorded"));
        Assert.True(reflection.At <= booked.At);
        Assert.True(plan.At >= booked.Utc("end"));
        Assert.Contains(plan.Data["diagnosis"]!.GetValue<string>(), new[] { "skill", "motivation", "external", "personal" });
        Assert.NotEmpty(plan.Data["actions"]!.AsArray());
        Assert.Single(run.For("ben", "ReviewBooked"), e => e.Data["kind"]!.GetValue<string>() == "coaching");

        // Back on track: coaching closes after two reviews not below plan.
        var closed = Assert.Single(run.For("ben", "CoachingClosed"));
        Assert.True(closed.At > opened.At);
    }

    [Fact]
    public void Simulate_OnlyTheSustainedGapOpensCoaching()
    {
        Assert.Equal(["ben"], run.Timeline.Where(e => e.Type == "CoachingOpened").Select(e => e.Seller).Distinct());
    }

    [Fact]
    public void Simulate_ThreeReviewsAbovePlan_SendRecognitionWithTheManagerCopied()
    {
        var recognition = Assert.Single(run.For("chloe", "RecognitionSent"));
        Assert.Equal(3, recognition.Data["reviews"]!.AsArray().Count);
        var email = run.For("chloe", "EmailSent").Single(e => e.Data["template"]!.GetValue<string>() == "recognition" && e.At == recognition.At);
        Assert.Equal("chloe@example.test", email.Data["to"]!.GetValue<string>());
        Assert.Contains("mark@example.test", email.Data["cc"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public void Simulate_ExtraCheckIns_FollowTheMicromanagementBudget()
    {
        var booked = run.For("priya", "ExtraCheckInBooked").Select(e => (By: e.Data["by"]!.GetValue<string>(), Week: e.Data["week"]!.GetValue<int>())).ToList();
        var refused = Assert.Single(run.For("priya", "ExtraCheckInRefused"));
        Assert.Equal([("manager", 3), ("seller", 5)], booked);
        Assert.Equal(4, refused.Data["week"]!.GetValue<int>());
        Assert.Equal("manager", refused.Data["by"]!.GetValue<string>());
        Assert.Contains("extra check-in", refused.Data["reason"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);

        // Extra meetings are meetings, not reviews: two booked, and the regular cadence is untouched.
        Assert.Equal(2, run.For("priya", "ReviewBooked").Count(e => e.Data["kind"]!.GetValue<string>() == "extra"));
        Assert.Equal(13, run.For("priya", "ReviewHeld").Count());
    }

    [Fact]
    public void Simulate_MissingCheckIn_RemindsOnceAndTheReviewHasNoStatus()
    {
        var noData = run.Timeline.Where(e => e.Type == "ReviewHeld" && e.Data["status"]!.GetValue<string>() == "noData").ToList();
        Assert.NotEmpty(noData);
        foreach (var review in noData)
        {
            var weeks = review.Data["weeks"]!.AsArray().Select(w => w!.GetValue<int>()).ToList();
            var reminders = run.For(review.Seller!, "ReminderSent")
                .Where(r => r.Data["about"]!.GetValue<string>().Contains(weeks.Count == 1 ? $"week {weeks[0]}" : $"weeks {weeks[0]}", StringComparison.Ordinal))
                .ToList();
            var reminder = Assert.Single(reminders);
            Assert.True(reminder.At < review.At);
        }
    }

    [Fact]
    public void Simulate_RemindersStopOnceTheCheckInHasArrived()
    {
        foreach (var submitted in run.Timeline.Where(e => e.Type == "CheckInSubmitted"))
        {
            var weeks = submitted.Data["weeks"]!.AsArray().Select(w => w!.GetValue<int>()).ToList();
            var about = weeks.Count == 1 ? $"check-in for week {weeks[0]}" : $"check-in for weeks {weeks[0]}";
            Assert.DoesNotContain(run.For(submitted.Seller!, "ReminderSent"), r => r.At > submitted.At && r.Data["about"]!.GetValue<string>().Contains(about, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Simulate_Meetings_LandInsideBothWorkingDaysAndClearOfBusyBlocks()
    {
        var people = ScenarioPeople();
        var busy = BusyBlocks();
        var meetings = run.Timeline.Where(e => e.Type == "ReviewBooked").ToList();
        Assert.NotEmpty(meetings);
        foreach (var meeting in meetings)
        {
            var start = meeting.Utc("start");
            var end = meeting.Utc("end");
            foreach (var email in meeting.Data["attendees"]!.AsArray().Select(a => a!.GetValue<string>()))
            {
                var person = people[email];
                Assert.True(person.WorkingHours.Covers(start, end - start, person.Zone), $"{meeting.Data["kind"]} at {start:u} is outside {email}'s working hours");
                Assert.DoesNotContain(busy.Where(b => b.Email == email), b => b.Start < end && start < b.End);
            }
        }

        // Nobody is double-booked by ReviewFlow itself.
        foreach (var group in meetings.SelectMany(m => m.Data["attendees"]!.AsArray().Select(a => (Email: a!.GetValue<string>(), Start: m.Utc("start"), End: m.Utc("end")))).GroupBy(x => x.Email))
        {
            var ordered = group.OrderBy(x => x.Start).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                Assert.True(ordered[i].Start >= ordered[i - 1].End, $"{group.Key} is double-booked at {ordered[i].Start:u}");
            }
        }
    }

    [Fact]
    public void Simulate_Emails_LandInsideTheRecipientsWorkingHours()
    {
        var people = ScenarioPeople();
        var emails = run.Timeline.Where(e => e.Type == "EmailSent").ToList();
        Assert.NotEmpty(emails);
        foreach (var email in emails)
        {
            var to = email.Data["to"]!.GetValue<string>();
            if (people.TryGetValue(to, out var person))
            {
                Assert.True(
                    person.WorkingHours.Covers(email.At, TimeSpan.Zero, person.Zone),
                    $"{email.Data["template"]} to {to} at {email.At:u} is outside their working hours");
            }
        }
    }

    [Fact]
    public void Simulate_Emails_ReadCleanlyWithEveryFigureAndUnitOnce()
    {
        var files = Directory.GetFiles(Path.Combine(run.OutDirectory, "outbox"), "*.eml");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = MimeKit.MimeMessage.Load(file).TextBody;
            Assert.False(string.IsNullOrWhiteSpace(text), $"{Path.GetFileName(file)} has no text part");

            // A unit written by the workflow and again by the template ("3 days days") reads like a typo.
            var doubled = System.Text.RegularExpressions.Regex.Match(text, @"\b(\w+) \1\b");
            Assert.False(doubled.Success, $"{Path.GetFileName(file)} repeats '{doubled.Value}'");
        }
    }

    [Fact]
    public void Simulate_Reviews_KeepTheSameWeekdayAndTimeWhenFree()
    {
        var mark = ScenarioPeople()["mark@example.test"];
        foreach (var seller in Sellers)
        {
            var slots = run.For(seller, "ReviewBooked")
                .Where(e => e.Data["kind"]!.GetValue<string>() == "review")
                .Select(e => TimeZoneInfo.ConvertTimeFromUtc(e.Utc("start"), mark.Zone))
                .Select(local => (local.DayOfWeek, TimeOnly.FromDateTime(local)))
                .ToList();
            var usual = slots.GroupBy(s => s).OrderByDescending(g => g.Count()).First();

            // Most reviews sit in the usual slot; only a busy block may move one.
            Assert.True(usual.Count() >= slots.Count - 1, $"{seller}: {string.Join(", ", slots)}");
        }
    }

    [Fact]
    public void Simulate_Timeline_IsOrderedAndEveryEntryHasTheRequiredData()
    {
        for (var i = 1; i < run.Timeline.Count; i++)
        {
            Assert.True(run.Timeline[i].At >= run.Timeline[i - 1].At);
        }

        var required = new Dictionary<string, string[]>
        {
            ["CycleStarted"] = ["quarter", "cadence"],
            ["ExpectationsDefined"] = ["targets"],
            ["AgreementRequested"] = ["targets"],
            ["CounterProposed"] = ["targets", "reason"],
            ["TargetsAgreed"] = ["targets", "rounds"],
            ["ReminderSent"] = ["about", "to"],
            ["ReviewBooked"] = ["start", "end", "attendees", "kind"],
            ["CheckInRequested"] = ["weeks"],
            ["CheckInSubmitted"] = ["weeks"],
            ["ReviewHeld"] = ["weeks", "status", "metrics"],
            ["CoachingOpened"] = ["reason", "reviews"],
            ["RecognitionSent"] = ["reviews"],
            ["ExtraCheckInBooked"] = ["by", "week"],
            ["ExtraCheckInRefused"] = ["by", "week", "reason"],
            ["EmailSent"] = ["to", "template", "subject"],
            ["QuarterClosed"] = ["metrics"],
        };
        foreach (var entry in run.Timeline)
        {
            Assert.Equal("mark", entry.Team);
            foreach (var field in required.GetValueOrDefault(entry.Type, []))
            {
                Assert.True(entry.Data.ContainsKey(field), $"{entry.Type} at {entry.At:u} has no '{field}'");
            }
        }

        foreach (var held in run.Timeline.Where(e => e.Type == "ReviewHeld" && e.Data["status"]!.GetValue<string>() != "noData"))
        {
            foreach (var (_, metric) in held.Data["metrics"]!.AsObject())
            {
                Assert.True(metric!["plan"]!.GetValue<double>() > 0);
                Assert.NotNull(metric["actual"]);
                Assert.NotNull(metric["ratio"]);
            }
        }
    }

    [Fact]
    public void Simulate_Outputs_OutboxCalendarAndReportMatchTheTimeline()
    {
        var emlFiles = Directory.GetFiles(Path.Combine(run.OutDirectory, "outbox"), "*.eml");
        Assert.Equal(run.Timeline.Count(e => e.Type == "EmailSent"), emlFiles.Length);
        var ics = Directory.GetFiles(Path.Combine(run.OutDirectory, "calendar"), "*.ics");
        Assert.Contains(ics, f => Path.GetFileName(f).StartsWith("mark@", StringComparison.Ordinal));
        var markIcs = File.ReadAllText(ics.Single(f => Path.GetFileName(f).StartsWith("mark@", StringComparison.Ordinal)));
        var markMeetings = run.Timeline.Count(e => e.Type == "ReviewBooked");
        Assert.Equal(markMeetings, markIcs.Split("BEGIN:VEVENT").Length - 1 - BusyBlocks().Count(b => b.Email == "mark@example.test"));

        var report = File.ReadAllText(Path.Combine(run.OutDirectory, "report.html"));
        foreach (var name in new[] { "Priya", "Tom", "Aisha", "Ben", "Chloe", "Mark" })
        {
            Assert.Contains(name, report, StringComparison.Ordinal);
        }

        Assert.Contains("<svg", report, StringComparison.Ordinal);
    }

    private Dictionary<string, Person> ScenarioPeople()
    {
        var json = JsonNode.Parse(File.ReadAllText(run.ScenarioPath))!;
        var people = new Dictionary<string, Person>();
        foreach (var team in json["teams"]!.AsArray())
        {
            foreach (var node in team!["sellers"]!.AsArray().Append(team["manager"]))
            {
                var hours = node!["workingHours"]!;
                var days = hours["days"]!.AsArray().Select(d => Enum.GetValues<DayOfWeek>().First(x => x.ToString().StartsWith(d!.GetValue<string>(), StringComparison.Ordinal))).ToList();
                var person = new Person(
                    node["id"]!.GetValue<string>(),
                    node["name"]!.GetValue<string>(),
                    node["email"]!.GetValue<string>(),
                    node["timeZone"]!.GetValue<string>(),
                    new WorkingHours(TimeOnly.Parse(hours["start"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(hours["end"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), days));
                people[person.Email] = person;
            }
        }

        return people;
    }

    private List<(string Email, DateTime Start, DateTime End)> BusyBlocks()
    {
        var json = JsonNode.Parse(File.ReadAllText(run.ScenarioPath))!;
        var blocks = new List<(string, DateTime, DateTime)>();
        foreach (var team in json["teams"]!.AsArray())
        {
            foreach (var node in team!["sellers"]!.AsArray().Append(team["manager"]))
            {
                foreach (var b in node!["busy"]?.AsArray() ?? [])
                {
                    blocks.Add((
                        node["email"]!.GetValue<string>(),
                        DateTime.Parse(b!["start"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal),
                        DateTime.Parse(b["end"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal)));
                }
            }
        }

        return blocks;
    }
}
