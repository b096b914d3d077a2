using System.Net;
using System.Text.Json.Nodes;
using ReviewFlow.Durable;
using ReviewFlow.Workflows.Cycle;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Api;

/// <summary><c>POST /api/quarters</c>: one team or everyone, started once, by the right people, from valid input only.</summary>
public sealed class QuarterApiTests : IAsyncLifetime
{
    private ApiService _service = null!;

    public async Task InitializeAsync()
    {
        _service = await ApiService.StartAsync();
        await _service.PutRosterAsync(new
        {
            managers = new[] { Rosters.Manager("mark", "Mark Whitaker"), Rosters.Manager("nina", "Nina Patel"), Rosters.Manager("omar", "Omar Said") },
            sellers = new[] { Rosters.Seller("ava", "mark"), Rosters.Seller("ben", "mark"), Rosters.Seller("dan", "nina", "2026-12-01") },
        });
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonNode Body)> StartAsync(string key, object body)
    {
        using var client = _service.Api(key);
        using var response = await client.PostAsync("/api/quarters", ApiService.Json(body));
        var raw = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, raw.Length == 0 ? new JsonObject() : JsonNode.Parse(raw)!);
    }

    private async Task<int> InstanceCountAsync(string prefix)
    {
        var count = 0;
        await foreach (var _ in _service.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix }))
        {
            count++;
        }

        return count;
    }

    [Fact]
    public async Task Post_ManagerStartsOwnTeam_StartsOneCyclePerSellerWithTheRosterTemplate()
    {
        var (status, body) = await StartAsync(ApiService.MarkKey, new { quarter = "2027-Q1", start = "2027-01-04", weeks = 13, team = "mark" });

        Assert.Equal(HttpStatusCode.Accepted, status);
        var team = Assert.Single(body["teams"]!.AsArray())!;
        Assert.Equal("started", (string)team["status"]!);
        Assert.Equal(CycleIds.ForTeam("2027-Q1", "mark"), (string)team["instanceId"]!);
        Assert.Equal(["cycle-2027-Q1-ava", "cycle-2027-Q1-ben"], team["cycles"]!.AsArray().Select(c => (string)c!));
        await _service.WaitForAsync("cycle-2027-Q1-ava", "CycleStarted");
        var ava = await _service.Client.GetInstanceAsync("cycle-2027-Q1-ava", getInputsAndOutputs: true);
        var input = ava!.ReadInputAs<CycleInput>()!;
        Assert.Equal(90000, input.Profile.RoleTemplate["revenue"]);
        Assert.Equal("mark", input.Profile.Manager.Person.Id);
        Assert.Equal(13, input.Profile.Quarter.Weeks);
    }

    [Fact]
    public async Task Post_SameQuarterTwice_SaysAlreadyStartedAndStartsNothingNew()
    {
        await StartAsync(ApiService.RevOpsKey, new { quarter = "2027-Q2", start = "2027-04-05", weeks = 13, team = "nina" });
        await _service.WaitForAsync("cycle-2027-Q2-dan", "CycleStarted");

        var (status, body) = await StartAsync(ApiService.RevOpsKey, new { quarter = "2027-Q2", start = "2027-04-05", weeks = 13, team = "nina" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("alreadyStarted", (string)body["teams"]![0]!["status"]!);
        Assert.Equal(1, await InstanceCountAsync("quarter-2027-Q2-"));
        Assert.Equal(1, await InstanceCountAsync("cycle-2027-Q2-"));
    }

    [Fact]
    public async Task Post_RevOpsForEveryone_StartsEachTeamAndSkipsOneWithoutSellers()
    {
        var (status, body) = await StartAsync(ApiService.RevOpsKey, new { quarter = "2027-Q3", start = "2027-02-01", weeks = 6, team = (string?)null });

        Assert.Equal(HttpStatusCode.Accepted, status);
        var teams = body["teams"]!.AsArray().ToDictionary(t => (string)t!["team"]!, t => (string)t!["status"]!);
        Assert.Equal("started", teams["mark"]);
        Assert.Equal("started", teams["nina"]);
        Assert.Equal("noSellers", teams["omar"]);
        Assert.Equal(2, await InstanceCountAsync("quarter-2027-Q3-"));
    }

    [Fact]
    public async Task Post_ManagerForAnotherTeam_Is404AndStartsNothing()
    {
        var (status, _) = await StartAsync(ApiService.MarkKey, new { quarter = "2027-Q4", start = "2027-01-11", weeks = 13, team = "nina" });

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(0, await InstanceCountAsync("quarter-2027-Q4-"));
    }

    [Fact]
    public async Task Post_ManagerForEveryone_Is403AndStartsNothing()
    {
        var (status, _) = await StartAsync(ApiService.MarkKey, new { quarter = "2027-Q4", start = "2027-01-11", weeks = 13, team = (string?)null });

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(0, await InstanceCountAsync("quarter-2027-Q4-"));
    }

    [Fact]
    public async Task Post_TeamNotInRoster_Is404()
    {
        var (status, _) = await StartAsync(ApiService.RevOpsKey, new { quarter = "2027-Q4", start = "2027-01-11", weeks = 13, team = "zoe" });

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Post_EveryFieldWrong_Is400NamingEachAndStartsNothing()
    {
        var (status, body) = await StartAsync(ApiService.RevOpsKey, new { quarter = "2027/Q1", start = "2031-01-01", weeks = 53, team = "Mark!" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["quarter", "start", "team", "weeks"], body["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(0, await InstanceCountAsync("quarter-2027/"));
    }

    [Theory]
    [InlineData("""{"quarter":"2027-Q4","start":"2027-01-11","weeks":13,"team":"mark","force":true}""", "$.force")]
    [InlineData("""{"quarter":"2027-Q4","start":"2027-01-11","weeks":"13","team":"mark"}""", "$.weeks")]
    [InlineData("""{"quarter":"2027-Q4","start":"2027-01-11","weeks":13.5,"team":"mark"}""", "$.weeks")]
    [InlineData("""{"quarter":"2027-Q4","start":"2027-01-11","weeks":-1,"team":"mark"}""", "weeks")]
    [InlineData("""{"quarter":"2027-Q4","start":"2027-01-11","team":"mark"}""", "weeks")]
    [InlineData("""["2027-Q4"]""", "$")]
    public async Task Post_UnknownFieldOrWrongType_Is400NamingTheField(string json, string field)
    {
        using var client = _service.Api(ApiService.RevOpsKey);

        using var response = await client.PostAsync("/api/quarters", ApiService.Json(json));
        var body = await ApiService.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, Assert.Single(body["errors"]!.AsObject()).Key);
        Assert.Equal(0, await InstanceCountAsync("quarter-2027-Q4-"));
    }

    [Fact]
    public async Task Post_OversizedBody_Is413()
    {
        using var client = _service.Api(ApiService.RevOpsKey);
        var padding = new string('x', 20_000);

        using var response = await client.PostAsync("/api/quarters", ApiService.Json(new { quarter = "2027-Q4", start = "2027-01-11", weeks = 13, team = padding }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await InstanceCountAsync("quarter-2027-Q4-"));
    }
}
