using System.Globalization;
using System.Text.Json.Nodes;

using ReviewFlow.Domain.Scheduling;
using ReviewFlow.Integrations.Calendar;
using ReviewFlow.Integrations.Calendar.Graph;
using ReviewFlow.Integrations.Tests.Support;

using Xunit;

namespace ReviewFlow.Integrations.Tests.Calendar.Graph;

/// <summary><see cref="GraphCalendar.GetSchedulesAsync"/> through the real Graph SDK against <see cref="GraphStub"/>.</summary>
public sealed class GraphCalendarScheduleTests
{
    private const string Mark = "mark@example.test";
    private const string Priya = "priya@example.test";

    // Tuesday 5 January 2027, UTC.
    private static readonly DateTime Day = new(2027, 1, 5, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task GetSchedulesAsync_TwoMailboxes_PostsOneGetScheduleThroughTheFirstWithTheUtcWindowAndInterval()
    {
        await using var stub = GraphStub.Start();
        using var calendar = GraphStubCalendars.Create(stub);

        var schedules = await calendar.GetSchedulesAsync([Mark, Priya], Day.AddHours(8), Day.AddDays(8), CancellationToken.None);

        Assert.Empty(stub.Problems);
        var request = Assert.Single(stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1.0/users/mark@example.test/calendar/getSchedule", request.Path);
        Assert.Equal("Bearer " + GraphStub.Token, request.Header("Authorization"));
        Assert.Contains("outlook.timezone=\"UTC\"", request.Header("Prefer"), StringComparison.Ordinal);
        var body = request.Body!.AsObject();
        Assert.Equal([Mark, Priya], body["schedules"]!.AsArray().Select(s => (string?)s));
        Assert.Equal("2027-01-05T08:00:00.0000000", (string?)body["startTime"]!["dateTime"]);
        Assert.Equal("UTC", (string?)body["startTime"]!["timeZone"]);
        Assert.Equal("2027-01-13T00:00:00.0000000", (string?)body["endTime"]!["dateTime"]);
        Assert.Equal("UTC", (string?)body["endTime"]!["timeZone"]);
        Assert.Equal(15, (int?)body["availabilityViewInterval"]);
        Assert.Equal([Mark, Priya], schedules.Select(s => s.Email));
        Assert.All(schedules, s => Assert.Empty(s.Busy));
    }

    [Fact]
    public async Task GetSchedulesAsync_ItemsOfEveryStatus_BusyOofTentativeAndUnknownAreBusyFreeAndWorkingElsewhereAreNot()
    {
        await using var stub = GraphStub.Start();
        stub.SetSchedule(Mark, new JsonObject
        {
            ["availabilityView"] = "222111333000000222",
            ["scheduleItems"] = new JsonArray(
                Item("busy", "2027-01-05T09:00:00.0000000", "2027-01-05T10:00:00.0000000"),
                Item("tentative", "2027-01-05T10:00:00.0000000", "2027-01-05T11:00:00.0000000"),
                Item("oof", "2027-01-05T11:00:00.0000000", "2027-01-05T12:00:00.0000000"),
                Item("free", "2027-01-05T12:00:00.0000000", "2027-01-05T13:00:00.0000000"),
                Item("workingElsewhere", "2027-01-05T13:00:00.0000000", "2027-01-05T14:00:00.0000000"),
                Item("unknown", "2027-01-05T14:00:00.0000000", "2027-01-05T14:30:00.0000000"),
                // Graph writes items in the zone asked for; one written in another zone is still read right.
                Item("busy", "2027-01-05T07:00:00.0000000", "2027-01-05T08:00:00.0000000", "Pacific Standard Time")),
        });
        using var calendar = GraphStubCalendars.Create(stub);

        var schedule = Assert.Single(await calendar.GetSchedulesAsync([Mark], Day, Day.AddDays(1), CancellationToken.None));

        Assert.Equal(
            [
                new TimeRange(Day.AddHours(9), Day.AddHours(10)),
                new TimeRange(Day.AddHours(10), Day.AddHours(11)),
                new TimeRange(Day.AddHours(11), Day.AddHours(12)),
                new TimeRange(Day.AddHours(14), Day.AddHours(14.5)),
                new TimeRange(Day.AddHours(15), Day.AddHours(16)),
            ],
            schedule.Busy);
        Assert.All(schedule.Busy, b => Assert.Equal(DateTimeKind.Utc, b.Start.Kind));
    }

    [Fact]
    public async Task GetSchedulesAsync_NoItemsOnlyAnAvailabilityView_ReadsBusySlotsFromTheView()
    {
        await using var stub = GraphStub.Start();
        // 15-minute slots from 08:00: free, free, tentative, busy, out of office, free, working elsewhere, busy.
        stub.SetSchedule(Mark, new JsonObject { ["availabilityView"] = "00123042" });
        using var calendar = GraphStubCalendars.Create(stub);

        var schedule = Assert.Single(await calendar.GetSchedulesAsync([Mark], Day.AddHours(8), Day.AddHours(10), CancellationToken.None));

        Assert.Equal(
            [new TimeRange(Day.AddHours(8.5), Day.AddHours(9.25)), new TimeRange(Day.AddHours(9.75), Day.AddHours(10))],
            schedule.Busy);
    }

    [Fact]
    public async Task GetSchedulesAsync_150Addresses_TwoRequestsOf100And50AndResultsInTheAskedOrder()
    {
        await using var stub = GraphStub.Start();
        // Asked in an order that is not alphabetical, so a sorted answer would show.
        string[] asked = [.. Enumerable.Range(0, 150).Select(i => $"seller{(i * 37) % 150:D3}@example.test")];
        foreach (int i in new[] { 0, 99, 100, 149 })
        {
            stub.SetSchedule(asked[i], new JsonObject
            {
                ["scheduleItems"] = new JsonArray(Item("busy", Iso(Day.AddMinutes(i)), Iso(Day.AddMinutes(i + 30)))),
            });
        }

        using var calendar = GraphStubCalendars.Create(stub);

        var schedules = await calendar.GetSchedulesAsync(asked, Day, Day.AddDays(1), CancellationToken.None);

        Assert.Empty(stub.Problems);
        Assert.Equal(2, stub.Requests.Count);
        Assert.All(stub.Requests, r => Assert.Equal($"/v1.0/users/{asked[0]}/calendar/getSchedule", r.Path));
        // The two requests run side by side, so either may arrive first.
        var sent = stub.Requests.Select(r => r.Body!["schedules"]!.AsArray().Select(a => (string)a!).ToArray()).OrderByDescending(a => a.Length).ToList();
        Assert.Equal(asked[..100], sent[0]);
        Assert.Equal(asked[100..], sent[1]);
        Assert.Equal(asked, schedules.Select(s => s.Email));
        foreach (int i in new[] { 0, 99, 100, 149 })
        {
            Assert.Equal([new TimeRange(Day.AddMinutes(i), Day.AddMinutes(i + 30))], schedules[i].Busy);
        }

        Assert.Empty(schedules[1].Busy);
    }

    [Fact]
    public async Task GetSchedulesAsync_AnEntryWithAnError_ThrowsNamingTheAddressAndGraphsMessage()
    {
        await using var stub = GraphStub.Start();
        stub.SetSchedule("gone@example.test", new JsonObject
        {
            ["availabilityView"] = "",
            ["error"] = new JsonObject
            {
                ["message"] = "The recipient gone@example.test isn't found in the directory.",
                ["responseCode"] = "ErrorMailRecipientNotFound",
            },
        });
        using var calendar = GraphStubCalendars.Create(stub);

        var error = await Assert.ThrowsAsync<GraphCalendarException>(() =>
            calendar.GetSchedulesAsync([Mark, "gone@example.test"], Day, Day.AddDays(1), CancellationToken.None));

        Assert.Equal("gone@example.test", error.Mailbox);
        Assert.Equal("ErrorMailRecipientNotFound", error.ErrorCode);
        Assert.Contains("gone@example.test", error.Message, StringComparison.Ordinal);
        Assert.Contains("isn't found in the directory", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    // Windows names (what Outlook publishes) and IANA names; winter and summer UTC windows of a 09:00-17:30 day.
    [InlineData("GMT Standard Time", "09:00", "17:30", "08:00", "16:30")]
    [InlineData("Pacific Standard Time", "17:00", "01:30", "16:00", "00:30")]
    [InlineData("India Standard Time", "03:30", "12:00", "03:30", "12:00")]
    [InlineData("Europe/Berlin", "08:00", "16:30", "07:00", "15:30")]
    [InlineData("America/New_York", "14:00", "22:30", "13:00", "21:30")]
    public async Task GetSchedulesAsync_WorkingHoursInANamedZone_GiveTheLocalDayInUtcInWinterAndSummer(
        string zone, string winterStart, string winterEnd, string summerStart, string summerEnd)
    {
        await using var stub = GraphStub.Start();
        stub.SetSchedule(Mark, WithWorkingHours("09:00:00.0000000", "17:30:00.0000000", new JsonObject { ["name"] = zone }));
        using var calendar = GraphStubCalendars.Create(stub);

        var schedule = Assert.Single(await calendar.GetSchedulesAsync([Mark], Day, Day.AddDays(1), CancellationToken.None));

        Assert.NotNull(schedule.WorkingHours);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], schedule.WorkingHours.Days);
        Assert.Equal((winterStart, winterEnd), UtcWindow(schedule, new DateOnly(2027, 1, 12)));
        Assert.Equal((summerStart, summerEnd), UtcWindow(schedule, new DateOnly(2027, 7, 13)));
    }

    [Fact]
    public async Task GetSchedulesAsync_WorkingHoursInACustomZoneWestOfUtc_BiasIsAddedToLocalTimeToGetUtc()
    {
        await using var stub = GraphStub.Start();
        // Graph's own example: UTC-08:00 (bias 480), one hour of DST from the 2nd Sunday of March to the 1st of November.
        stub.SetSchedule(Mark, WithWorkingHours("08:00:00.0000000", "17:00:00.0000000", new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.customTimeZone",
            ["bias"] = 480,
            ["name"] = "Customized Time Zone",
            ["standardOffset"] = Offset(month: 11, occurrence: 1),
            ["daylightOffset"] = Offset(month: 3, occurrence: 2, daylightBias: -60),
        }));
        using var calendar = GraphStubCalendars.Create(stub);

        var schedule = Assert.Single(await calendar.GetSchedulesAsync([Mark], Day, Day.AddDays(1), CancellationToken.None));

        Assert.Equal(TimeSpan.FromHours(-8), schedule.WorkingHoursZone!.BaseUtcOffset);
        Assert.Equal(("16:00", "01:00"), UtcWindow(schedule, new DateOnly(2027, 1, 12)));
        Assert.Equal(("15:00", "00:00"), UtcWindow(schedule, new DateOnly(2027, 7, 13)));
        // The switch happens on the 2nd Sunday of March (14 March 2027), not a week either side.
        Assert.Equal(("16:00", "01:00"), UtcWindow(schedule, new DateOnly(2027, 3, 12)));
        Assert.Equal(("15:00", "00:00"), UtcWindow(schedule, new DateOnly(2027, 3, 15)));
    }

    [Fact]
    public async Task GetSchedulesAsync_WorkingHoursInACustomZoneEastOfUtcInTheSouth_NegativeBiasAndDstAroundNewYear()
    {
        await using var stub = GraphStub.Start();
        // UTC+10:00 (bias -600) with DST from the 1st Sunday of October to the 1st Sunday of April, like Sydney.
        stub.SetSchedule(Mark, WithWorkingHours("09:00:00.0000000", "17:00:00.0000000", new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.customTimeZone",
            ["bias"] = -600,
            ["name"] = "Customized Time Zone",
            ["standardOffset"] = Offset(month: 4, occurrence: 1, time: "03:00:00.0000000"),
            ["daylightOffset"] = Offset(month: 10, occurrence: 1, daylightBias: -60),
        }));
        using var calendar = GraphStubCalendars.Create(stub);

        var schedule = Assert.Single(await calendar.GetSchedulesAsync([Mark], Day, Day.AddDays(1), CancellationToken.None));

        // Their winter is July (UTC+10): 09:00 local is 23:00 UTC the day before; January is summer (UTC+11).
        Assert.Equal(("23:00", "07:00"), UtcWindow(schedule, new DateOnly(2027, 7, 13)));
        Assert.Equal(("22:00", "06:00"), UtcWindow(schedule, new DateOnly(2027, 1, 12)));
    }

    [Fact]
    public async Task GetSchedulesAsync_WorkingHoursInAnUnknownZone_PublishesNoWorkingHours()
    {
        await using var stub = GraphStub.Start();
        stub.SetSchedule(Mark, WithWorkingHours("09:00:00.0000000", "17:00:00.0000000", new JsonObject { ["name"] = "Atlantis Standard Time" }));
        using var calendar = GraphStubCalendars.Create(stub);

        var schedule = Assert.Single(await calendar.GetSchedulesAsync([Mark], Day, Day.AddDays(1), CancellationToken.None));

        Assert.Null(schedule.WorkingHours);
        Assert.Null(schedule.WorkingHoursZone);
    }

    [Fact]
    public async Task GetSchedulesAsync_WindowLongerThan31Days_SplitsItAndJoinsTheBusyBlocks()
    {
        await using var stub = GraphStub.Start();
        stub.SetSchedule(Mark, new JsonObject
        {
            ["scheduleItems"] = new JsonArray(Item("busy", "2027-01-20T09:00:00.0000000", "2027-01-20T10:00:00.0000000")),
        });
        using var calendar = GraphStubCalendars.Create(stub);

        var schedule = Assert.Single(await calendar.GetSchedulesAsync([Mark], Day, Day.AddDays(40), CancellationToken.None));

        Assert.Empty(stub.Problems);
        Assert.Equal(
            ["2027-01-05T00:00:00.0000000", "2027-02-05T00:00:00.0000000"],
            stub.Requests.Select(r => (string)r.Body!["startTime"]!["dateTime"]!).Order());
        // The stub repeats the block in both answers; it is kept once, and only where it overlaps the window.
        Assert.Equal([new TimeRange(Day.AddDays(15).AddHours(9), Day.AddDays(15).AddHours(10))], schedule.Busy);
    }

    private static JsonObject Item(string status, string start, string end, string zone = "UTC") => new()
    {
        ["isPrivate"] = false,
        ["status"] = status,
        ["subject"] = "Pipeline review",
        ["location"] = "",
        ["start"] = new JsonObject { ["dateTime"] = start, ["timeZone"] = zone },
        ["end"] = new JsonObject { ["dateTime"] = end, ["timeZone"] = zone },
    };

    private static JsonObject WithWorkingHours(string start, string end, JsonObject zone) => new()
    {
        ["availabilityView"] = new string('0', 96),
        ["scheduleItems"] = new JsonArray(),
        ["workingHours"] = new JsonObject
        {
            ["daysOfWeek"] = new JsonArray("monday", "tuesday", "wednesday", "thursday", "friday"),
            ["startTime"] = start,
            ["endTime"] = end,
            ["timeZone"] = zone,
        },
    };

    private static JsonObject Offset(int month, int occurrence, int? daylightBias = null, string time = "02:00:00.0000000")
    {
        var offset = new JsonObject();
        if (daylightBias is { } bias)
        {
            offset["daylightBias"] = bias;
        }

        offset["time"] = time;
        offset["dayOccurrence"] = occurrence;
        offset["dayOfWeek"] = "sunday";
        offset["month"] = month;
        offset["year"] = 0;
        return offset;
    }

    // The UTC clock times at which the mailbox's working day starts and ends on a local date.
    private static (string Start, string End) UtcWindow(MailboxSchedule schedule, DateOnly date)
    {
        var zone = schedule.WorkingHoursZone!;
        var hours = schedule.WorkingHours!;
        var start = TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(hours.Start), zone);
        var end = TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(hours.End), zone);
        return (start.ToString("HH:mm", CultureInfo.InvariantCulture), end.ToString("HH:mm", CultureInfo.InvariantCulture));
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture);
}
