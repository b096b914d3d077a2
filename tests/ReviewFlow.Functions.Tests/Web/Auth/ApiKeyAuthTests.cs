using System.Net;
using System.Text;
using System.Text.Json;
using ReviewFlow.Functions.Tests.Web.Api;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Auth;

/// <summary>Standalone mode: the X-Api-Key header, the roles it carries, and what is never a way in.</summary>
public sealed class ApiKeyAuthTests : IAsyncLifetime
{
    private ApiService _service = null!;

    public async Task InitializeAsync()
    {
        _service = await ApiService.StartAsync();
        await _service.PutRosterAsync(Rosters.Two(["ava"], ["dan"]));
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Get_NoKey_Is401ProblemJson()
    {
        using var client = _service.Api(null);

        using var response = await client.GetAsync("/api/teams");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, (int)(await ApiService.ReadJsonAsync(response))["status"]!);
        Assert.Contains("X-Api-Key", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("revops-key-0123456789-abcdefghijklmnoX")]
    [InlineData("revops-key-0123456789-abcdefghijklmno")]
    public async Task Get_WrongKey_Is401AndDoesNotEchoTheKey(string key)
    {
        using var client = _service.Api(key);

        using var response = await client.GetAsync("/api/teams");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(key.Trim(), body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_TwoKeyHeaders_Is401EvenWhenOneIsValid()
    {
        using var client = _service.Api(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/teams");
        request.Headers.TryAddWithoutValidation("X-Api-Key", [ApiService.RevOpsKey, "other"]);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Get_RevOpsKey_SeesEveryTeam()
    {
        using var client = _service.Api(ApiService.RevOpsKey);

        using var response = await client.GetAsync("/api/teams");
        var teams = (await ApiService.ReadJsonAsync(response)).AsArray();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["mark", "nina"], teams.Select(t => (string)t!["id"]!).Order());
    }

    [Fact]
    public async Task Get_ManagerKey_SeesOnlyOwnTeam()
    {
        using var client = _service.Api(ApiService.MarkKey);

        using var response = await client.GetAsync("/api/teams");
        var teams = (await ApiService.ReadJsonAsync(response)).AsArray();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("mark", (string)Assert.Single(teams)!["id"]!);
    }

    [Fact]
    public async Task Put_ManagerKeyOnRevOpsEndpoint_Is403ProblemAndStoresNothing()
    {
        var before = await _service.RosterRowsAsync();
        using var client = _service.Api(ApiService.MarkKey);

        using var response = await client.PutAsync("/api/roster", ApiService.Json(Rosters.Two(["zed"], [])));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await _service.RosterRowsAsync());
    }

    [Fact]
    public async Task Get_ClientPrincipalHeaderInStandaloneMode_IsIgnored()
    {
        using var client = _service.Api(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/instances/failed");
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", ClientPrincipals.Encode("someone@example.test", ["ReviewFlow.RevOps"]));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Get_ClientPrincipalHeaderWithManagerKey_KeepsTheKeysRole()
    {
        using var client = _service.Api(ApiService.MarkKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/instances/failed");
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", ClientPrincipals.Encode("someone@example.test", ["ReviewFlow.RevOps"]));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Get_Anonymous_OpenApiDocumentIsPublicAndListsEveryEndpoint()
    {
        using var client = _service.Api(null);

        using var response = await client.GetAsync("/openapi/v1.json");
        var paths = (await ApiService.ReadJsonAsync(response))["paths"]!.AsObject().Select(p => p.Key).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            ["/api/cycles", "/api/cycles/{id}", "/api/cycles/{id}/cancel", "/api/cycles/{id}/close", "/api/cycles/{id}/extra-checkins", "/api/instances/failed", "/api/instances/{id}/retry", "/api/quarters", "/api/roster", "/api/teams"],
            paths.Order(StringComparer.Ordinal));
    }
}

/// <summary>X-MS-CLIENT-PRINCIPAL values as App Service Authentication makes them.</summary>
public static class ClientPrincipals
{
    public static string Encode(string email, string[] roles, string? name = null)
    {
        var claims = new List<object>
        {
            new { typ = "preferred_username", val = email },
            new { typ = "name", val = name ?? email },
        };
        claims.AddRange(roles.Select(r => new { typ = "roles", val = r }));
        var json = JsonSerializer.Serialize(new { auth_typ = "aad", claims, name_typ = "name", role_typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role" });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }
}
