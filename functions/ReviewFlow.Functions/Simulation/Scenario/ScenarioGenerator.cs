using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ReviewFlow.Functions.Simulation.Scenario;

/// <summary>
/// Writes large, realistic scenarios for the benchmark: deterministic by seed, always valid for
/// <see cref="ScenarioLoader"/>, and mixing the behaviours the workflow must handle (new sellers on weekly
/// reviews, counter-proposals, sustained gaps that open coaching, runs above plan that earn recognition,
/// missing check-ins, extra check-ins, several time zones).
/// </summary>
public static class ScenarioGenerator
{
    private const int QuarterWeeks = 13;

    private static readonly DateOnly QuarterStart = new(2027, 1, 4);

    private static readonly string[] WeekDays = ["Mon", "Tue", "Wed", "Thu", "Fri"];

    private static readonly string[] FirstNames =
    [
        "alex", "sam", "jo", "priya", "tom", "aisha", "ben", "chloe", "omar", "lena", "raj", "mia", "noah", "zara", "leo", "ivy",
    ];

    // Each region keeps its people's working days overlapping, so review slots always exist.
    private static readonly Region[] Regions =
    [
        new("emea", "Europe/London", ["Europe/London", "Europe/Dublin", "Europe/Berlin", "Europe/Paris"], ManagerBusyUtcHour: 10),
        new("amer", "America/New_York", ["America/New_York", "America/Toronto", "America/Chicago"], ManagerBusyUtcHour: 15),
        new("apac", "Asia/Singapore", ["Asia/Singapore", "Asia/Kuala_Lumpur", "Australia/Perth"], ManagerBusyUtcHour: 3),
    ];

    private enum Story
    {
        Steady,
        CounterProposal,
        SustainedGap,
        Recognition,
    }

    /// <summary>
    /// The scenario JSON for <paramref name="sellers"/> sellers in teams of <paramref name="sellersPerTeam"/>, the
    /// same text for the same arguments.
    /// </summary>
    public static string Generate(int sellers, int seed, int sellersPerTeam = 8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sellers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sellersPerTeam, 1);

        // A seeded Random gives the same sequence on every run and platform: the point is repeatability, not secrecy.
        var random = new Random(seed);
        var teams = (sellers + sellersPerTeam - 1) / sellersPerTeam;
        var digits = Math.Max(4, sellers.ToString(CultureInfo.InvariantCulture).Length);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("description", $"Generated benchmark scenario: {Text(sellers)} sellers in {Text(teams)} teams, seed {Text(seed)}.");
            json.WriteStartObject("quarter");
            json.WriteString("label", "2027-Q1");
            json.WriteString("start", QuarterStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteNumber("weeks", QuarterWeeks);
            json.WriteEndObject();
            json.WriteStartObject("policy");
            json.WriteEndObject();
            json.WriteStartArray("teams");
            var sellerNumber = 0;
            for (var team = 0; team < teams; team++)
            {
                var size = Math.Min(sellersPerTeam, sellers - sellerNumber);
                WriteTeam(json, random, team, size, ref sellerNumber, digits);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteTeam(Utf8JsonWriter json, Random random, int team, int size, ref int sellerNumber, int digits)
    {
        var region = Regions[random.Next(Regions.Length)];
        var managerId = "mgr-" + (team + 1).ToString("D" + Text(digits), CultureInfo.InvariantCulture);
        json.WriteStartObject();
        json.WriteStartObject("manager");
        WritePerson(json, managerId, "Manager " + Text(team + 1), region.ManagerZone, random.Next(3) == 0 ? "08:30" : "09:00", "17:30");
        json.WriteStartArray("busy");
        var blocks = random.Next(0, 4);
        for (var b = 0; b < blocks; b++)
        {
            var day = QuarterStart.AddDays((7 * random.Next(QuarterWeeks)) + random.Next(5));
            var start = day.ToDateTime(new TimeOnly(region.ManagerBusyUtcHour + random.Next(3), 0), DateTimeKind.Utc);
            WriteRange(json, start, start.AddHours(1 + random.Next(3)));
        }

        json.WriteEndArray();
        json.WriteString("escalateTo", $"director-{Text(team + 1)}@example.test");
        json.WriteEndObject();
        json.WriteStartArray("sellers");
        for (var s = 0; s < size; s++)
        {
            sellerNumber++;
            WriteSeller(json, random, region, sellerNumber, digits);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSeller(Utf8JsonWriter json, Random random, Region region, int number, int digits)
    {
        var id = "seller-" + number.ToString("D" + Text(digits), CultureInfo.InvariantCulture);
        var isNew = random.NextDouble() < 0.25;
        var roll = random.NextDouble();
        var story = roll switch
        {
            < 0.125 => Story.CounterProposal,
            < 0.25 => Story.SustainedGap,
            < 0.375 => Story.Recognition,
            _ => Story.Steady,
        };
        var zone = random.Next(4) == 0 ? region.SellerZones[random.Next(region.SellerZones.Length)] : region.ManagerZone;
        var startedOn = isNew
            ? QuarterStart.AddDays(-random.Next(7, 170))
            : QuarterStart.AddDays(-random.Next(200, 3000));
        var revenue = 1000.0 * random.Next(60, 121);
        var conversations = (double)random.Next(8, 15);
        var turnaround = random.Next(4, 11) / 2.0;

        json.WriteStartObject();
        var first = FirstNames[random.Next(FirstNames.Length)];
        WritePerson(json, id, $"{char.ToUpperInvariant(first[0])}{first[1..]} {Text(number)}", zone, random.Next(2) == 0 ? "08:30" : "09:00", random.Next(2) == 0 ? "17:00" : "17:30");
        json.WriteString("startedOn", startedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteStartObject("proposed");
        json.WriteNumber("revenue", revenue);
        json.WriteNumber("newConversationsPerWeek", conversations);
        json.WriteNumber("proposalTurnaroundDays", turnaround);
        json.WriteEndObject();

        // The agreed revenue: a counter-proposal lowers it; the manager accepts it or meets the seller halfway.
        var agreedRevenue = revenue;
        json.WriteStartObject("responses");
        json.WriteStartArray("agreement");
        if (story == Story.CounterProposal)
        {
            var counter = Math.Round(revenue * (0.8 + (random.Next(0, 3) * 0.05)) / 1000) * 1000;
            var meetHalfway = random.Next(3) == 0;
            WriteCounter(json, random.Next(2, 48), counter);
            if (meetHalfway)
            {
                WriteAccept(json, random.Next(1, 24));
            }

            json.WriteEndArray();
            json.WriteStartArray("managerOnCounter");
            json.WriteStartObject();
            json.WriteNumber("afterHours", random.Next(1, 24));
            if (meetHalfway)
            {
                agreedRevenue = Math.Round((revenue + counter) / 2000) * 1000;
                json.WriteStartObject("revise");
                json.WriteNumber("revenue", agreedRevenue);
                json.WriteEndObject();
                json.WriteString("reason", "Let's meet halfway: the new accounts in your patch should make up part of the difference.");
            }
            else
            {
                agreedRevenue = counter;
                json.WriteBoolean("accept", true);
            }

            json.WriteEndObject();
        }
        else
        {
            WriteAccept(json, random.Next(1, 60));
        }

        json.WriteEndArray();
        json.WriteStartObject("checkIn");
        json.WriteNumber("afterHours", random.Next(1, 30));
        json.WriteEndObject();
        json.WriteEndObject();

        WriteWeekly(json, random, story, agreedRevenue / QuarterWeeks, conversations, turnaround);
        WriteExtraCheckIns(json, random);
        json.WriteEndObject();
    }

    private static void WriteWeekly(Utf8JsonWriter json, Random random, Story story, double revenuePerWeek, double conversations, double turnaround)
    {
        // About one seller in five misses one or two check-ins, so the reminder path runs.
        var missing = new HashSet<int>();
        if (random.Next(5) == 0)
        {
            var count = 1 + random.Next(2);
            for (var i = 0; i < count; i++)
            {
                missing.Add(1 + random.Next(QuarterWeeks));
            }
        }

        json.WriteStartArray("weekly");
        for (var week = 1; week <= QuarterWeeks; week++)
        {
            var factor = story switch
            {
                // Weeks 3-10 well under plan, then back on track so coaching can close.
                Story.SustainedGap when week is >= 3 and <= 10 => 0.45 + (random.NextDouble() * 0.25),
                // Comfortably above plan on every metric for the first eight weeks.
                Story.Recognition when week <= 8 => 1.18 + (random.NextDouble() * 0.12),
                _ => 0.94 + (random.NextDouble() * 0.12),
            };
            if (missing.Contains(week))
            {
                json.WriteNullValue();
                continue;
            }

            json.WriteStartObject();
            json.WriteNumber("revenue", Math.Round(revenuePerWeek * factor / 10) * 10);
            json.WriteNumber("newConversations", Math.Round(conversations * factor));
            json.WriteNumber("proposalTurnaroundDays", Math.Round(turnaround / factor * 10) / 10);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteExtraCheckIns(Utf8JsonWriter json, Random random)
    {
        json.WriteStartArray("extraCheckIns");
        if (random.Next(6) == 0)
        {
            var count = 1 + random.Next(3);
            for (var i = 0; i < count; i++)
            {
                json.WriteStartObject();
                json.WriteNumber("week", 1 + random.Next(QuarterWeeks));
                json.WriteString("by", random.Next(10) < 7 ? "manager" : "seller");
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
    }

    private static void WritePerson(Utf8JsonWriter json, string id, string name, string zone, string start, string end)
    {
        json.WriteString("id", id);
        json.WriteString("name", name);
        json.WriteString("email", id + "@example.test");
        json.WriteString("timeZone", zone);
        json.WriteStartObject("workingHours");
        json.WriteString("start", start);
        json.WriteString("end", end);
        json.WriteStartArray("days");
        foreach (var day in WeekDays)
        {
            json.WriteStringValue(day);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRange(Utf8JsonWriter json, DateTime start, DateTime end)
    {
        json.WriteStartObject();
        json.WriteString("start", start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteString("end", end.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteEndObject();
    }

    private static void WriteAccept(Utf8JsonWriter json, int afterHours)
    {
        json.WriteStartObject();
        json.WriteNumber("afterHours", afterHours);
        json.WriteBoolean("accept", true);
        json.WriteEndObject();
    }

    private static void WriteCounter(Utf8JsonWriter json, int afterHours, double revenue)
    {
        json.WriteStartObject();
        json.WriteNumber("afterHours", afterHours);
        json.WriteStartObject("counter");
        json.WriteNumber("revenue", revenue);
        json.WriteEndObject();
        json.WriteString("reason", "Two of my larger accounts moved to key accounts this quarter.");
        json.WriteEndObject();
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record Region(string Name, string ManagerZone, string[] SellerZones, int ManagerBusyUtcHour);
}
