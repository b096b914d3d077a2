using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Api;

/// <summary>
/// <c>PUT/GET /api/roster</c> and <c>GET /api/teams</c>: JSON and CSV imports, every problem reported with its
/// entry or row and field, and nothing stored by any refused import (the table is compared row by row).
/// </summary>
public sealed class RosterApiTests : IAsyncLifetime
{
    private const string CsvHeader = "kind,id,name,email,timeZone,workStart,workEnd,workDays,escalateTo,startDate,managerId,roleTemplate\n";

    private ApiService _service = null!;

    public async Task InitializeAsync()
    {
        _service = await ApiService.StartAsync();
        await _service.PutRosterAsync(Rosters.Two(["ava", "ben"], ["dan"]));
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonNode Body, string Raw)> PutAsync(HttpContent content, string key = ApiService.RevOpsKey)
    {
        using var client = _service.Api(key);
        using var response = await client.PutAsync("/api/roster", content);
        var raw = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, raw.Length == 0 ? new JsonObject() : JsonNode.Parse(raw)!, raw);
    }

    private async Task<JsonNode> GetRosterAsync(string key = ApiService.RevOpsKey)
    {
        using var client = _service.Api(key);
        using var response = await client.GetAsync("/api/roster");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ApiService.ReadJsonAsync(response);
    }

    private static IReadOnlyList<string> ErrorFields(JsonNode body) => [.. body["errors"]!.AsObject().Select(e => e.Key)];

    [Fact]
    public async Task Put_ValidJson_StoresItAndGetReturnsIt()
    {
        var roster = new
        {
            managers = new[] { new { id = "olga", name = "Olga Berg", email = "olga@example.test", timeZone = "W. Europe Standard Time" } },
            sellers = new[] { Rosters.Seller("pia", "olga") },
        };

        var (status, body, _) = await PutAsync(ApiService.Json(roster));
        var stored = await GetRosterAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, (int)body["sellers"]!);
        var olga = Assert.Single(stored["managers"]!.AsArray())!;
        Assert.Equal("W. Europe Standard Time", (string)olga["timeZone"]!);
        Assert.Equal("09:00", (string)olga["workingHours"]!["start"]!);
        Assert.Equal(5, olga["workingHours"]!["days"]!.AsArray().Count);
        var pia = Assert.Single(stored["sellers"]!.AsArray())!;
        Assert.Equal(90000, (double)pia["roleTemplate"]!["revenue"]!);
        Assert.Equal("2024-01-01", (string)pia["startDate"]!);
        await _service.PutRosterAsync(Rosters.Two(["ava", "ben"], ["dan"]));
    }

    [Fact]
    public async Task Put_ValidCsv_StoresEveryKindOfRow()
    {
        var csv = CsvHeader
            + "team,olga,Nordic,,,,,,,,,\n"
            + "manager,olga,Olga Berg,olga@example.test,Europe/Oslo,08:00,16:00,Mon Tue Wed Thu,boss@example.test,,,\n"
            + "seller,pia,\"Pia, Jr.\",pia@example.test,Europe/Oslo,,,,,2026-11-02,olga,revenue=50000;dealsWon=4\n";

        var (status, _, raw) = await PutAsync(ApiService.Csv(csv));
        var stored = await GetRosterAsync();

        Assert.True(status == HttpStatusCode.OK, raw);
        Assert.Equal("Nordic", (string)Assert.Single(stored["teams"]!.AsArray())!["name"]!);
        var olga = Assert.Single(stored["managers"]!.AsArray())!;
        Assert.Equal("08:00", (string)olga["workingHours"]!["start"]!);
        Assert.Equal(["Monday", "Tuesday", "Wednesday", "Thursday"], olga["workingHours"]!["days"]!.AsArray().Select(d => (string)d!));
        var pia = Assert.Single(stored["sellers"]!.AsArray())!;
        Assert.Equal("Pia, Jr.", (string)pia["name"]!);
        Assert.Equal(4, (double)pia["roleTemplate"]!["dealsWon"]!);
        await _service.PutRosterAsync(Rosters.Two(["ava", "ben"], ["dan"]));
    }

    [Fact]
    public async Task Put_CsvWithBadRows_ReportsEveryRowAndStoresNothing()
    {
        var before = await _service.RosterRowsAsync();
        var csv = CsvHeader
            + "manager,olga,Olga Berg,olga@example.test,Europe/Oslo,,,,,,,\n"
            + "seller,pia,Pia,not-an-email,Europe/Oslo,,,,,2024-01-01,olga,\n"
            + "seller,rui,Rui,rui@example.test,Mars/Olympus,,,,,2024-02-30,olga,\n"
            + "seller,sam,Sam,sam@example.test,Europe/Oslo,,,,,2024-01-01,nobody,\n"
            + "boss,tom,Tom,,,,,,,,,\n"
            + "seller,uma,Uma,uma@example.test,Europe/Oslo,,,,,2024-01-01,olga,revenue=-5;dealsWon=1e15\n"
            + "manager,vic,Vic,vic@example.test,Europe/Oslo,17:00,09:00,Mon Funday,,2024-01-01,,\n"
            + "seller,wes,We\"s,wes@example.test,Europe/Oslo,,,,,2024-01-01,olga,\n"
            + "team,olga,Nordic\n";

        var (status, body, _) = await PutAsync(ApiService.Csv(csv));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(
            ["row 10", "row 3.email", "row 4.startDate", "row 4.timeZone", "row 5.managerId", "row 6.kind", "row 7.roleTemplate", "row 8.startDate", "row 8.workingHours.days", "row 9"],
            ErrorFields(body).Order(StringComparer.Ordinal));
        Assert.Equal(2, body["errors"]!["row 7.roleTemplate"]!.AsArray().Count);
        Assert.Contains("Nothing was stored", (string)body["detail"]!, StringComparison.Ordinal);
        Assert.Equal(before, await _service.RosterRowsAsync());
    }

    [Fact]
    public async Task Put_JsonWithManyProblems_ReportsEachFieldAndStoresNothing()
    {
        var before = await _service.RosterRowsAsync();
        var roster = new
        {
            teams = new[] { new { id = "ghost", name = "Nobody's" } },
            managers = new object[]
            {
                new { id = "Olga!", name = "", email = "olga@example", timeZone = "Nowhere/Land", workingHours = new { start = "18:00", end = "09:00", days = new[] { "Mon" } } },
                Rosters.Manager("mark", "Mark Again"),
                Rosters.Manager("mark", "Mark Twice"),
            },
            sellers = new[]
            {
                new { id = "pia", name = "Pia", email = "mark@example.test", timeZone = "Europe/London", startDate = "1900-01-01", managerId = "ghost" },
            },
        };

        var (status, body, _) = await PutAsync(ApiService.Json(roster));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(
            [
                "managers[0].email", "managers[0].id", "managers[0].name", "managers[0].timeZone", "managers[0].workingHours",
                "managers[2].email", "managers[2].id", "sellers[0].email", "sellers[0].managerId", "sellers[0].startDate", "teams[0].id",
            ],
            ErrorFields(body).Order(StringComparer.Ordinal));
        Assert.Equal(before, await _service.RosterRowsAsync());
    }

    [Fact]
    public async Task Put_UnknownField_Is400NamingItAndStoresNothing()
    {
        var before = await _service.RosterRowsAsync();

        var (status, body, _) = await PutAsync(ApiService.Json("""{"managers":[{"id":"olga","name":"Olga","email":"olga@example.test","timeZone":"Europe/Oslo","salary":100}]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var (field, messages) = Assert.Single(body["errors"]!.AsObject());
        Assert.Equal("$.managers[0].salary", field);
        Assert.Contains("Unknown field 'salary'", (string)messages!.AsArray()[0]!, StringComparison.Ordinal);
        Assert.Equal(before, await _service.RosterRowsAsync());
    }

    [Theory]
    [InlineData("""{"managers":[{"id":"olga",""")]
    [InlineData("""{"managers":[{"id":"olga"}],}""")]
    [InlineData("""{"managers":"olga"}""")]
    [InlineData("""{"sellers":[{"id":"pia","roleTemplate":{"revenue":"90000"}}]}""")]
    [InlineData("""{"managers":[],"managers":[]}""")]
    [InlineData("null")]
    [InlineData("")]
    public async Task Put_MalformedJson_Is400AndStoresNothing(string json)
    {
        var before = await _service.RosterRowsAsync();

        var (status, body, _) = await PutAsync(ApiService.Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotEmpty(body["errors"]!.AsObject());
        Assert.Equal(before, await _service.RosterRowsAsync());
    }

    [Fact]
    public async Task Put_PlainText_Is415()
    {
        var (status, _, _) = await PutAsync(new StringContent("managers: mark"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/csv")]
    public async Task Put_OversizedBody_Is413AndStoresNothing(string mediaType)
    {
        var before = await _service.RosterRowsAsync();
        var huge = mediaType == "text/csv"
            ? CsvHeader + string.Concat(Enumerable.Repeat("team,mark,North,,,,,,,,,\n", 4000))
            : "{\"teams\":[" + string.Join(',', Enumerable.Repeat("{\"id\":\"mark\",\"name\":\"North\"}", 4000)) + "]}";

        var (status, _, _) = await PutAsync(new StringContent(huge, System.Text.Encoding.UTF8, mediaType));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(before, await _service.RosterRowsAsync());
    }

    [Fact]
    public async Task Put_ScriptInNames_IsStoredAsTextAndJsonEscapedOnTheWayOut()
    {
        const string script = "<script>alert('x')</script> & \"Co\"";
        var payload = new
        {
            teams = new[] { new { id = "mark", name = script } },
            managers = new[] { Rosters.Manager("mark", script), Rosters.Manager("nina", "Nina Patel") },
            sellers = new[] { Rosters.Seller("ava", "mark"), Rosters.Seller("ben", "mark"), Rosters.Seller("dan", "nina") },
        };

        var (status, _, _) = await PutAsync(ApiService.Json(payload));
        using var client = _service.Api(ApiService.RevOpsKey);
        var raw = await client.GetStringAsync("/api/teams");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("<script>", raw, StringComparison.Ordinal);
        Assert.Contains("\\u003Cscript\\u003E", raw, StringComparison.Ordinal);
        var mark = JsonNode.Parse(raw)!.AsArray().Single(t => (string)t!["id"]! == "mark")!;
        Assert.Equal(script, (string)mark["name"]!);
        Assert.Equal(script, (string)mark["manager"]!["name"]!);
        await _service.PutRosterAsync(Rosters.Two(["ava", "ben"], ["dan"]));
    }

    [Theory]
    [InlineData("revenue", -5.0)]
    [InlineData("revenue", 1e15)]
    [InlineData("bad key!", 10.0)]
    public async Task Put_NegativeOrAbsurdTargets_Is400NamingTheTemplateAndStoresNothing(string metric, double value)
    {
        var before = await _service.RosterRowsAsync();
        var roster = new
        {
            managers = new[] { Rosters.Manager("mark", "Mark") },
            sellers = new[] { new { id = "ava", name = "Ava", email = "ava@example.test", timeZone = "Europe/London", startDate = "2024-01-01", managerId = "mark", roleTemplate = new Dictionary<string, double> { [metric] = value } } },
        };

        var (status, body, _) = await PutAsync(ApiService.Json(roster));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["sellers[0].roleTemplate"], ErrorFields(body));
        Assert.Equal(before, await _service.RosterRowsAsync());
    }

    [Fact]
    public async Task Put_NoManagers_Is400AndKeepsTheCurrentRoster()
    {
        var before = await _service.RosterRowsAsync();

        var (status, body, _) = await PutAsync(ApiService.Json("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["managers"], ErrorFields(body));
        Assert.Equal(before, await _service.RosterRowsAsync());
    }

    [Fact]
    public async Task Put_SecondImport_ReplacesTheFirstWholly()
    {
        await _service.PutRosterAsync(Rosters.Two(["eve"], []));

        var stored = await GetRosterAsync();
        var rows = await _service.RosterRowsAsync();

        Assert.Equal(["eve"], stored["sellers"]!.AsArray().Select(s => (string)s!["id"]!));
        // The pointer plus one version: 2 teams, 2 managers, 1 seller. The previous version's rows are gone.
        Assert.Equal(6, rows.Count);
        await _service.PutRosterAsync(Rosters.Two(["ava", "ben"], ["dan"]));
    }

    [Fact]
    public async Task Get_Roster_ManagerSeesOnlyOwnTeam()
    {
        var stored = await GetRosterAsync(ApiService.NinaKey);

        Assert.Equal(["nina"], stored["managers"]!.AsArray().Select(m => (string)m!["id"]!));
        Assert.Equal(["dan"], stored["sellers"]!.AsArray().Select(s => (string)s!["id"]!));
        Assert.Equal(["nina"], stored["teams"]!.AsArray().Select(t => (string)t!["id"]!));
    }

    [Fact]
    public async Task Get_Teams_NamesAndCountsSellers()
    {
        using var client = _service.Api(ApiService.RevOpsKey);

        var teams = JsonNode.Parse(await client.GetStringAsync("/api/teams"))!.AsArray();

        var mark = teams.Single(t => (string)t!["id"]! == "mark")!;
        Assert.Equal("North", (string)mark["name"]!);
        Assert.Equal(2, (int)mark["sellers"]!);
        Assert.Equal("Mark Whitaker", (string)mark["manager"]!["name"]!);
    }
}
