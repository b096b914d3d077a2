using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReviewFlow.Durable;
using ReviewFlow.Integrations.Calendar;
using ReviewFlow.Workflows.Cycle;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Api;

/// <summary>
/// <c>/api/cycles</c>: lists and details with history, extra check-ins through the cycle's budget, and cancel;
/// a manager reaches only their own team's cycles, and every refusal leaves the cycle as it was.
/// </summary>
public sealed class CycleApiTests : IAsyncLifetime
{
    private static readonly string[] MarkSellers = ["ava", "ben", "cal", "eli", "fay", "gus", "hal"];

    private ApiService _service = null!;

    public async Task InitializeAsync()
    {
        _service = await ApiService.StartAsync();
        await _service.PutRosterAsync(Rosters.Two(MarkSellers, ["dan"]));
        using var client = _service.Api(ApiService.RevOpsKey);
        using var started = await client.PostAsync("/api/quarters", ApiService.Json(new { quarter = "2027-Q1", start = "2027-01-04", weeks = 13, team = (string?)null }));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        foreach (var seller in MarkSellers.Append("dan"))
        {
            await _service.WaitForAsync(Cycle(seller), "ExpectationsRequested");
        }
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private static string Cycle(string seller) => CycleIds.ForSeller("2027-Q1", seller);

    private async Task<(HttpStatusCode Status, JsonNode Body)> SendAsync(string key, HttpMethod method, string path, object? body = null)
    {
        using var client = _service.Api(key);
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : body as HttpContent ?? ApiService.Json(body) };
        using var response = await client.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, raw.Length == 0 ? new JsonObject() : JsonNode.Parse(raw)!);
    }

    private async Task<int> JournalCountAsync(string seller) => (await _service.Journal.ReadCycleAsync(Cycle(seller), CancellationToken.None)).Count;

    /// <summary>Defines and agrees <paramref name="seller"/>'s targets, and waits until the API shows the cycle in review.</summary>
    private async Task AgreeAsync(string seller)
    {
        var cycle = Cycle(seller);
        await _service.Client.RaiseEventAsync(cycle, nameof(ExpectationsSubmitted), new ExpectationsSubmitted(new Dictionary<string, double> { ["revenue"] = 100000, ["newConversationsPerWeek"] = 10 }));
        await _service.WaitForAsync(cycle, "AgreementRequested");
        await _service.Client.RaiseEventAsync(cycle, nameof(TargetsAnswered), new TargetsAnswered(true, null, null));
        await _service.WaitForAsync(cycle, "TargetsAgreed");
        var waited = Stopwatch.StartNew();
        while ((string?)(await SendAsync(ApiService.MarkKey, HttpMethod.Get, $"/api/cycles/{cycle}")).Body["cycle"]!["phase"] != "review")
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"{cycle} did not reach review.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task List_RevOps_SeesEveryCycleWithStatusAndPhase()
    {
        var (status, body) = await SendAsync(ApiService.RevOpsKey, HttpMethod.Get, "/api/cycles?quarter=2027-Q1");

        Assert.Equal(HttpStatusCode.OK, status);
        var cycles = body.AsArray();
        Assert.Equal(MarkSellers.Append("dan").Select(Cycle).Order(StringComparer.Ordinal), cycles.Select(c => (string)c!["id"]!).Order(StringComparer.Ordinal));
        var dan = cycles.Single(c => (string)c!["id"]! == Cycle("dan"))!;
        Assert.Equal("nina", (string)dan["manager"]!["id"]!);
        Assert.Equal("Dan Example", (string)dan["seller"]!["name"]!);
        Assert.Equal("2027-Q1", (string)dan["quarter"]!);
        Assert.Contains((string)dan["status"]!, new[] { "running", "pending" });
    }

    [Fact]
    public async Task List_Manager_SeesOnlyOwnTeam()
    {
        var (status, body) = await SendAsync(ApiService.NinaKey, HttpMethod.Get, "/api/cycles");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([Cycle("dan")], body.AsArray().Select(c => (string)c!["id"]!));
    }

    [Fact]
    public async Task List_ManagerAskingForAnotherTeam_Is404()
    {
        var (status, _) = await SendAsync(ApiService.NinaKey, HttpMethod.Get, "/api/cycles?team=mark");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Theory]
    [InlineData("/api/cycles?quarter=../x")]
    [InlineData("/api/cycles?team=Mark%20Whitaker")]
    [InlineData("/api/cycles?quarter=2027-Q1&quarter=2027-Q2")]
    [InlineData("/api/cycles?status=failed")]
    public async Task List_BadQuery_Is400NamingTheParameter(string path)
    {
        var (status, body) = await SendAsync(ApiService.RevOpsKey, HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Single(body["errors"]!.AsObject());
    }

    [Fact]
    public async Task Get_OwnCycle_ShowsStatusPhaseAndHistory()
    {
        var (status, body) = await SendAsync(ApiService.MarkKey, HttpMethod.Get, $"/api/cycles/{Cycle("ava")}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("define", (string)body["cycle"]!["phase"]!);
        Assert.Equal("fortnightly", (string)body["cadence"]!);
        var history = body["history"]!.AsArray();
        var started = history.First(h => (string)h!["type"]! == "CycleStarted")!;
        Assert.Equal("Ava Example", (string)started["data"]!["sellerName"]!);
        Assert.Contains(history, h => (string)h!["type"]! == "ExpectationsRequested");
    }

    [Theory]
    [InlineData(ApiService.NinaKey, "cycle-2027-Q1-ava")]
    [InlineData(ApiService.MarkKey, "cycle-2027-Q1-dan")]
    [InlineData(ApiService.RevOpsKey, "cycle-2027-Q1-nobody")]
    [InlineData(ApiService.RevOpsKey, "quarter-2027-Q1-mark")]
    [InlineData(ApiService.RevOpsKey, "cycle-2027-Q1-ava%3Fx")]
    public async Task Get_CycleTheViewerCannotSee_Is404(string key, string id)
    {
        var (status, body) = await SendAsync(key, HttpMethod.Get, $"/api/cycles/{id}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.DoesNotContain("Ava", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtraCheckIn_ManagerInReview_IsBookedThenTheBudgetRefusesTheSecond()
    {
        await AgreeAsync("ben");

        var (first, answer) = await SendAsync(ApiService.MarkKey, HttpMethod.Post, $"/api/cycles/{Cycle("ben")}/extra-checkins", new { by = "manager" });
        var booked = await _service.WaitForAsync(Cycle("ben"), "ExtraCheckInBooked");
        var (second, _) = await SendAsync(ApiService.MarkKey, HttpMethod.Post, $"/api/cycles/{Cycle("ben")}/extra-checkins", new { by = "manager" });
        var refused = await _service.WaitForAsync(Cycle("ben"), "ExtraCheckInRefused");

        Assert.Equal(HttpStatusCode.Accepted, first);
        Assert.Contains("micromanagement budget", (string)answer["message"]!, StringComparison.Ordinal);
        Assert.Equal("manager", (string)booked.Data["by"]!);
        Assert.Equal(HttpStatusCode.Accepted, second);
        Assert.Equal("manager", (string)refused.Data["by"]!);
        var (_, detail) = await SendAsync(ApiService.MarkKey, HttpMethod.Get, $"/api/cycles/{Cycle("ben")}");
        Assert.Contains(detail["history"]!.AsArray(), h => (string)h!["type"]! == "ExtraCheckInRefused");
    }

    [Fact]
    public async Task ExtraCheckIn_DuringDefine_Is409AndRaisesNothing()
    {
        var before = await JournalCountAsync("cal");

        var (status, _) = await SendAsync(ApiService.RevOpsKey, HttpMethod.Post, $"/api/cycles/{Cycle("cal")}/extra-checkins", new { by = "seller" });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal(before, await JournalCountAsync("cal"));
    }

    [Fact]
    public async Task ExtraCheckIn_ManagerClaimingTheSellerAsked_Is403()
    {
        var (status, _) = await SendAsync(ApiService.MarkKey, HttpMethod.Post, $"/api/cycles/{Cycle("cal")}/extra-checkins", new { by = "seller" });

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task ExtraCheckIn_OtherTeamsManager_Is404()
    {
        var (status, _) = await SendAsync(ApiService.NinaKey, HttpMethod.Post, $"/api/cycles/{Cycle("cal")}/extra-checkins", new { by = "manager" });

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Theory]
    [InlineData("""{"by":"boss"}""", "$.by")]
    [InlineData("""{"by":0}""", "$.by")]
    [InlineData("""{}""", "by")]
    [InlineData("""{"by":"manager","week":3}""", "$.week")]
    public async Task ExtraCheckIn_BadBody_Is400NamingTheField(string json, string field)
    {
        var before = await JournalCountAsync("cal");

        var (status, body) = await SendAsync(ApiService.MarkKey, HttpMethod.Post, $"/api/cycles/{Cycle("cal")}/extra-checkins", ApiService.Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(field, Assert.Single(body["errors"]!.AsObject()).Key);
        Assert.Equal(before, await JournalCountAsync("cal"));
    }

    [Fact]
    public async Task Cancel_ByTheManager_TerminatesJournalsTheReasonAndASecondCancelIs409()
    {
        const string reason = "Left the company <b>today</b>";

        var (status, _) = await SendAsync(ApiService.MarkKey, HttpMethod.Post, $"/api/cycles/{Cycle("eli")}/cancel", new { reason });
        await _service.WaitForStatusAsync(Cycle("eli"), OrchestrationRuntimeStatus.Terminated);
        var entry = await _service.WaitForAsync(Cycle("eli"), "CycleCancelled");
        var (again, _) = await SendAsync(ApiService.MarkKey, HttpMethod.Post, $"/api/cycles/{Cycle("eli")}/cancel", new { reason = "again" });
        using var client = _service.Api(ApiService.MarkKey);
        var raw = await client.GetStringAsync($"/api/cycles/{Cycle("eli")}");

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(reason, (string)entry.Data["reason"]!);
        Assert.Equal("Mark Whitaker", (string)entry.Data["by"]!);
        Assert.Equal("mark", entry.Team);
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.DoesNotContain("<b>", raw, StringComparison.Ordinal);
        Assert.Contains("terminated", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_InReview_CancelsTheMeetingsStillAhead()
    {
        await AgreeAsync("hal");
        var booked = await _service.WaitForAsync(Cycle("hal"), "ReviewBooked");
        var calendar = _service.Services.GetRequiredService<DevCalendar>();
        var eventId = (string)booked.Data["eventId"]!;
        Assert.Contains(await EventIdsAsync(calendar, "hal@example.test"), e => e == eventId);

        var (status, body) = await SendAsync(ApiService.MarkKey, HttpMethod.Post, $"/api/cycles/{Cycle("hal")}/cancel", new { reason = "Hal moved to customer success." });
        var entry = await _service.WaitForAsync(Cycle("hal"), "CycleCancelled");

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Contains("1 meeting(s) still ahead were cancelled", (string)body["message"]!, StringComparison.Ordinal);
        Assert.Equal(1, (int)entry.Data["meetingsCancelled"]!);
        Assert.DoesNotContain(await EventIdsAsync(calendar, "hal@example.test"), e => e == eventId);
        Assert.DoesNotContain(await EventIdsAsync(calendar, "mark@example.test"), e => e == eventId);
    }

    [Fact]
    public async Task Close_InReview_SendsTheSummaryNowCancelsWhatIsAheadAndCompletes()
    {
        await AgreeAsync("ava");
        var booked = await _service.WaitForAsync(Cycle("ava"), "ReviewBooked");
        var eventId = (string)booked.Data["eventId"]!;

        var (status, body) = await SendAsync(ApiService.MarkKey, HttpMethod.Post, $"/api/cycles/{Cycle("ava")}/close", new { reason = "Ava moves to a new territory in February." });
        await _service.WaitForStatusAsync(Cycle("ava"), OrchestrationRuntimeStatus.Completed);
        var entries = await _service.Journal.ReadCycleAsync(Cycle("ava"), CancellationToken.None);
        var (again, _) = await SendAsync(ApiService.MarkKey, HttpMethod.Post, $"/api/cycles/{Cycle("ava")}/close", new { reason = "again" });

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Contains("quarter summary", (string)body["message"]!, StringComparison.Ordinal);
        var requested = Assert.Single(entries, e => e.Type == "CloseRequested");
        Assert.Equal(("Ava moves to a new territory in February.", "Mark Whitaker"), ((string)requested.Data["reason"]!, (string)requested.Data["by"]!));
        Assert.True((bool)Assert.Single(entries, e => e.Type == "QuarterClosed").Data["early"]!);
        Assert.Single(entries, e => e.Type == "NextQuarterPrepared");
        Assert.Equal(2, entries.Count(e => e.Type == "EmailSent" && (string)e.Data["template"]! == "quarter-summary"));
        Assert.DoesNotContain(entries, e => e.Type == "ReviewHeld");
        Assert.DoesNotContain(await EventIdsAsync(_service.Services.GetRequiredService<DevCalendar>(), "mark@example.test"), e => e == eventId);
        Assert.Equal(HttpStatusCode.Conflict, again);
    }

    [Fact]
    public async Task Close_BeforeTargetsAreAgreed_EndsTheCycleWithoutASummary()
    {
        var (status, _) = await SendAsync(ApiService.RevOpsKey, HttpMethod.Post, $"/api/cycles/{Cycle("ben")}/close", new { reason = "Ben joins the partner team." });
        await _service.WaitForStatusAsync(Cycle("ben"), OrchestrationRuntimeStatus.Completed);
        var entries = await _service.Journal.ReadCycleAsync(Cycle("ben"), CancellationToken.None);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Single(entries, e => e.Type == "CloseRequested");
        Assert.Contains("closed before targets were agreed: Ben joins the partner team.", (string)Assert.Single(entries, e => e.Type == "CycleAbandoned").Data["reason"]!, StringComparison.Ordinal);
        Assert.DoesNotContain(entries, e => e.Type is "QuarterClosed" or "TargetsAgreed");
    }

    [Fact]
    public async Task Close_WithoutAReason_Is400AndTheCycleKeepsRunning()
    {
        var before = await JournalCountAsync("cal");

        var (status, body) = await SendAsync(ApiService.MarkKey, HttpMethod.Post, $"/api/cycles/{Cycle("cal")}/close", new { reason = " " });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("reason", Assert.Single(body["errors"]!.AsObject()).Key);
        Assert.Equal(before, await JournalCountAsync("cal"));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await _service.Client.GetInstanceAsync(Cycle("cal")))!.RuntimeStatus);
    }

    private static async Task<List<string>> EventIdsAsync(DevCalendar calendar, string mailbox)
    {
        var ids = new List<string>();
        await foreach (var e in calendar.ListAsync(mailbox, CancellationToken.None))
        {
            ids.Add(e.Id);
        }

        return ids;
    }

    [Theory]
    [InlineData("""{}""", "reason")]
    [InlineData("""{"reason":"   "}""", "reason")]
    [InlineData("""{"reason":"x","now":true}""", "$.now")]
    [InlineData("""{"reason":7}""", "$.reason")]
    public async Task Cancel_BadBody_Is400AndTheCycleKeepsRunning(string json, string field)
    {
        var (status, body) = await SendAsync(ApiService.RevOpsKey, HttpMethod.Post, $"/api/cycles/{Cycle("fay")}/cancel", ApiService.Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(field, Assert.Single(body["errors"]!.AsObject()).Key);
        Assert.False((await _service.Client.GetInstanceAsync(Cycle("fay")))!.IsCompleted);
    }

    [Fact]
    public async Task Cancel_TooLongReason_Is400()
    {
        var (status, body) = await SendAsync(ApiService.RevOpsKey, HttpMethod.Post, $"/api/cycles/{Cycle("fay")}/cancel", new { reason = new string('r', 501) });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("reason", Assert.Single(body["errors"]!.AsObject()).Key);
    }

    [Fact]
    public async Task Cancel_OtherTeamsManager_Is404AndTheCycleKeepsRunning()
    {
        var (status, _) = await SendAsync(ApiService.NinaKey, HttpMethod.Post, $"/api/cycles/{Cycle("gus")}/cancel", new { reason = "not mine to cancel" });

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.False((await _service.Client.GetInstanceAsync(Cycle("gus")))!.IsCompleted);
        Assert.DoesNotContain(await _service.Journal.ReadCycleAsync(Cycle("gus"), CancellationToken.None), e => e.Type == "CycleCancelled");
    }

    [Fact]
    public async Task Cancel_NotJson_Is415()
    {
        var (status, _) = await SendAsync(ApiService.RevOpsKey, HttpMethod.Post, $"/api/cycles/{Cycle("gus")}/cancel", new FormUrlEncodedContent([new("reason", "x")]));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.False((await _service.Client.GetInstanceAsync(Cycle("gus")))!.IsCompleted);
    }
}
