using System.Globalization;
using System.Text.Json.Nodes;

using ReviewFlow.Functions.Simulation.Report;
using ReviewFlow.Integrations.Journal;

namespace ReviewFlow.Functions.Tests.Simulation.Report;

/// <summary>Builds timeline entries in time order, one hour apart unless told otherwise.</summary>
internal sealed class TimelineBuilder
{
    private readonly List<JournalEntry> entries = [];
    private DateTime at = new(2027, 1, 4, 9, 0, 0, DateTimeKind.Utc);

    public IReadOnlyList<JournalEntry> Entries => entries;

    public TimelineBuilder At(DateTime when)
    {
        at = when;
        return this;
    }

    public TimelineBuilder Add(string team, string? seller, string type, JsonObject? data = null)
    {
        entries.Add(new JournalEntry("cycle-" + team + "-" + (seller ?? "team"), "e" + entries.Count.ToString(CultureInfo.InvariantCulture), at, team, seller, type, data ?? []));
        at = at.AddHours(1);
        return this;
    }

    public TimelineBuilder Started(string team, string seller, string sellerName, string managerName, string cadence = "fortnightly") =>
        Add(team, seller, "CycleStarted", new JsonObject { ["quarter"] = "2027-Q1", ["cadence"] = cadence, ["sellerName"] = sellerName, ["managerName"] = managerName });

    public TimelineBuilder Agreed(string team, string seller, params (string Key, double Value)[] targets) =>
        Add(team, seller, "TargetsAgreed", new JsonObject { ["targets"] = Targets(targets), ["rounds"] = 1, ["settled"] = "SellerAccepted" });

    /// <summary>A ReviewHeld; metrics are (key, actual, plan, ratio); pass none for a noData review.</summary>
    public TimelineBuilder Review(string team, string seller, int[] weeks, string status, params (string Key, double Actual, double Plan, double Ratio)[] metrics)
    {
        var map = new JsonObject();
        foreach (var (key, actual, plan, ratio) in metrics)
        {
            map[key] = new JsonObject { ["actual"] = actual, ["plan"] = plan, ["ratio"] = ratio };
        }

        var w = new JsonArray();
        foreach (var week in weeks)
        {
            w.Add(week);
        }

        return Add(team, seller, "ReviewHeld", new JsonObject { ["weeks"] = w, ["status"] = status, ["metrics"] = map });
    }

    public static JsonObject Targets(params (string Key, double Value)[] targets)
    {
        var map = new JsonObject();
        foreach (var (key, value) in targets)
        {
            map[key] = value;
        }

        return map;
    }

    public ReportInput Input(string title = "Demo") => new(title, "2027-Q1", 13, entries, new ReportRun(TimeSpan.FromSeconds(12.5), 2, 40, 14));

    /// <summary>
    /// A synthetic run: <paramref name="teams"/> teams of <paramref name="sellersPerTeam"/> sellers, each with a full quarter of
    /// about 70 entries (agreement, weekly reviews with three metrics, emails, meetings, one coaching episode for some).
    /// </summary>
    public static IReadOnlyList<JournalEntry> Synthetic(int teams, int sellersPerTeam)
    {
        var builder = new TimelineBuilder();
        var statuses = new[] { "below", "onTrack", "above", "noData" };
        for (var t = 0; t < teams; t++)
        {
            var team = "mgr" + t.ToString(CultureInfo.InvariantCulture);
            for (var s = 0; s < sellersPerTeam; s++)
            {
                var seller = team + "-s" + s.ToString(CultureInfo.InvariantCulture);
                builder.At(new DateTime(2027, 1, 4, 9, 0, 0, DateTimeKind.Utc).AddMinutes((t * sellersPerTeam) + s));
                builder.Started(team, seller, "Seller " + seller, "Manager " + team, "weekly")
                    .Add(team, seller, "ExpectationsRequested", new JsonObject { ["to"] = team })
                    .Add(team, seller, "ExpectationsDefined", new JsonObject { ["targets"] = Targets(("revenue", 90000), ("newConversationsPerWeek", 10), ("proposalTurnaroundDays", 3)) })
                    .Add(team, seller, "AgreementRequested", new JsonObject { ["targets"] = Targets(("revenue", 90000)), ["round"] = 1 })
                    .Add(team, seller, "CounterProposed", new JsonObject { ["targets"] = Targets(("revenue", 80000)), ["reason"] = "accounts moved", ["round"] = 1 })
                    .Agreed(team, seller, ("revenue", 80000), ("newConversationsPerWeek", 10), ("proposalTurnaroundDays", 3));
                for (var week = 1; week <= 13; week++)
                {
                    var status = statuses[(week + s) % 4];
                    builder.Add(team, seller, "ReviewBooked", new JsonObject { ["start"] = "2027-01-11T10:00:00Z", ["end"] = "2027-01-11T10:20:00Z", ["kind"] = "review", ["attendees"] = new JsonArray("a@example.test", "b@example.test") })
                        .Add(team, seller, "CheckInRequested", new JsonObject { ["weeks"] = new JsonArray(week) })
                        .Add(team, seller, "EmailSent", new JsonObject { ["to"] = "a@example.test", ["template"] = "checkin", ["subject"] = "Check-in" });
                    if (status == "noData")
                    {
                        builder.Add(team, seller, "ReminderSent", new JsonObject { ["about"] = "checkIn", ["to"] = seller })
                            .Review(team, seller, [week], status, ("revenue", 0, 6154, 0));
                    }
                    else
                    {
                        var f = status == "below" ? 0.7 : status == "above" ? 1.2 : 1.0;
                        builder.Add(team, seller, "CheckInSubmitted", new JsonObject { ["weeks"] = new JsonArray(week) })
                            .Review(team, seller, [week], status, ("revenue", 6154 * f, 6154, f), ("newConversationsPerWeek", 10 * f, 10, f), ("proposalTurnaroundDays", 3 / f, 3, f));
                    }
                }

                if (s % 3 == 0)
                {
                    builder.Add(team, seller, "CoachingOpened", new JsonObject { ["reason"] = "3 of the last 4 reviews below plan" })
                        .Add(team, seller, "CoachingPlanRecorded", new JsonObject { ["diagnosis"] = "skill", ["actions"] = new JsonArray("shadow a call") })
                        .Add(team, seller, "CoachingClosed");
                }

                builder.Add(team, seller, "QuarterClosed", new JsonObject { ["reviewsHeld"] = 13 });
            }
        }

        return [.. builder.entries.OrderBy(e => e.At)];
    }
}
