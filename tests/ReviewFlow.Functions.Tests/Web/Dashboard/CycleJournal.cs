using System.Globalization;
using System.Text.Json.Nodes;
using ReviewFlow.Integrations.Journal;

namespace ReviewFlow.Functions.Tests.Web.Dashboard;

/// <summary>
/// Builds one seller's journal by hand, with the data shapes the workflows write (docs/scenarios.md): each method
/// appends one entry at the given day and hour of quarter 2027-Q1 (day 1 = Mon 4 Jan 2027), with ids in order.
/// </summary>
public sealed class CycleJournal(string seller, string team = "mark", string quarter = "2027-Q1", string? sellerName = null, string managerName = "Mark Whitaker")
{
    public static readonly DateTime QuarterStart = new(2027, 1, 4, 0, 0, 0, DateTimeKind.Utc);

    private readonly List<JournalEntry> _entries = [];

    public string CycleId { get; } = $"cycle-{quarter}-{seller}";

    public string Seller { get; } = seller;

    public string Team { get; } = team;

    public string SellerName { get; } = sellerName ?? char.ToUpperInvariant(seller[0]) + seller[1..] + " Example";

    public IReadOnlyList<JournalEntry> Entries => _entries;

    /// <summary>Day <paramref name="day"/> of the quarter (1-based) at <paramref name="hour"/>:00 UTC.</summary>
    public static DateTime At(int day, int hour = 10) => QuarterStart.AddDays(day - 1).AddHours(hour);

    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public CycleJournal Add(string type, DateTime at, JsonObject? data = null)
    {
        _entries.Add(new JournalEntry(CycleId, $"{_entries.Count:D5}", at, Team, Seller, type, data ?? []));
        return this;
    }

    public CycleJournal Started(int day = 1, string cadence = "fortnightly") => Add("CycleStarted", At(day, 9), new JsonObject
    {
        ["quarter"] = CycleId["cycle-".Length..^(Seller.Length + 1)],
        ["cadence"] = cadence,
        ["reviewMinutes"] = 20,
        ["sellerName"] = SellerName,
        ["managerName"] = managerName,
    });

    public CycleJournal DefineRequested(int day = 1) => Add("ExpectationsRequested", At(day, 9), new JsonObject { ["to"] = "mark@example.test", ["prefilledFrom"] = "role template" });

    public CycleJournal Defined(int day, params (string Key, double Value)[] targets) => Add("ExpectationsDefined", At(day, 11), new JsonObject { ["targets"] = Targets(targets) });

    public CycleJournal Proposed(int day, int round, params (string Key, double Value)[] targets) =>
        Add("AgreementRequested", At(day, 11), new JsonObject { ["targets"] = Targets(targets), ["round"] = round });

    public CycleJournal Countered(int day, int round, string reason, params (string Key, double Value)[] targets) =>
        Add("CounterProposed", At(day, 12), new JsonObject { ["targets"] = Targets(targets), ["reason"] = reason, ["round"] = round });

    public CycleJournal Agreed(int day, string settled, int rounds, JsonArray audit, params (string Key, double Value)[] targets) =>
        Add("TargetsAgreed", At(day, 13), new JsonObject { ["targets"] = Targets(targets), ["rounds"] = rounds, ["settled"] = settled, ["audit"] = audit });

    public CycleJournal Reminder(int day, string about) => Add("ReminderSent", At(day, 9), new JsonObject { ["about"] = about, ["to"] = "someone@example.test" });

    public CycleJournal Escalated(int day, string about) => Add("Escalated", At(day, 9), new JsonObject { ["about"] = about, ["to"] = "director@example.test" });

    public CycleJournal Booked(DateTime start, string kind = "review") => Add("ReviewBooked", start.AddDays(-7), new JsonObject
    {
        ["start"] = Iso(start),
        ["end"] = Iso(start.AddMinutes(20)),
        ["attendees"] = new JsonArray("mark@example.test", $"{Seller}@example.test"),
        ["kind"] = kind,
        ["eventId"] = "ev-" + _entries.Count.ToString(CultureInfo.InvariantCulture),
    });

    public CycleJournal CheckInRequested(int day, params int[] weeks) => Add("CheckInRequested", At(day, 9), new JsonObject { ["weeks"] = Ints(weeks) });

    public CycleJournal CheckInSubmitted(int day, params int[] weeks) => Add("CheckInSubmitted", At(day, 11), new JsonObject { ["weeks"] = Ints(weeks) });

    /// <summary>A review held on <paramref name="day"/> with one entry per metric (key, actual, plan, ratio).</summary>
    public CycleJournal Review(int day, string status, int[] weeks, params (string Key, double Actual, double Plan, double Ratio)[] metrics)
    {
        var map = new JsonObject();
        foreach (var (key, actual, plan, ratio) in metrics)
        {
            map[key] = new JsonObject { ["actual"] = actual, ["plan"] = plan, ["ratio"] = ratio };
        }

        return Add("ReviewHeld", At(day, 14), new JsonObject { ["weeks"] = Ints(weeks), ["status"] = status, ["metrics"] = map, ["period"] = 1 });
    }

    public CycleJournal CoachingOpened(int day) => Add("CoachingOpened", At(day, 15), new JsonObject { ["reason"] = "3 of the last 4 reviews were below plan", ["reviews"] = new JsonArray(Iso(At(day, 14))) });

    public CycleJournal Email(int day, string template, string subject, string to = "priya@example.test") =>
        Add("EmailSent", At(day, 16), new JsonObject { ["to"] = to, ["cc"] = new JsonArray(), ["template"] = template, ["subject"] = subject });

    public static JsonObject Targets(params (string Key, double Value)[] targets)
    {
        var map = new JsonObject();
        foreach (var (key, value) in targets)
        {
            map[key] = value;
        }

        return map;
    }

    public static JsonObject AuditStep(int round, string step, string by, DateTime at, string? reason, params (string Key, double Value)[] targets) => new()
    {
        ["round"] = round,
        ["step"] = step,
        ["by"] = by,
        ["targets"] = Targets(targets),
        ["reason"] = reason,
        ["at"] = Iso(at),
    };

    private static JsonArray Ints(int[] values) => [.. values.Select(v => (JsonNode)v)];
}
