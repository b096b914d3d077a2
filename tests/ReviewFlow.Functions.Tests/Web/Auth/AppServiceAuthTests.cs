using System.Net;
using ReviewFlow.Functions.Tests.Web.Api;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Auth;

/// <summary>App Service mode: the platform's X-MS-CLIENT-PRINCIPAL header is the only way in, mapped through the roster.</summary>
public sealed class AppServiceAuthTests : IAsyncLifetime
{
    private ApiService _service = null!;

    public async Task InitializeAsync()
    {
        // The keys are configured too, to show they are not accepted in this mode.
        var settings = ApiService.Keys();
        settings["Auth:Mode"] = "AppService";
        _service = await ApiService.StartAsync(settings);
        using var client = _service.Api(null);
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/roster") { Content = ApiService.Json(Rosters.Two(["ava"], ["dan"])) };
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", ClientPrincipals.Encode("ops@example.test", ["ReviewFlow.RevOps"]));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private async Task<HttpResponseMessage> GetAsync(string path, string? principal, string? apiKey = null)
    {
        using var client = _service.Api(apiKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (principal is not null)
        {
            request.Headers.Add("X-MS-CLIENT-PRINCIPAL", principal);
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Get_RevOpsRole_ReachesRevOpsEndpoints()
    {
        using var response = await GetAsync("/api/instances/failed", ClientPrincipals.Encode("ops@example.test", ["ReviewFlow.RevOps"]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_ManagerEmailInRoster_SeesOwnTeamOnly()
    {
        using var response = await GetAsync("/api/teams", ClientPrincipals.Encode("NINA@example.test", []));
        var teams = (await ApiService.ReadJsonAsync(response)).AsArray();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nina", (string)Assert.Single(teams)!["id"]!);
    }

    [Fact]
    public async Task Get_ManagerOnRevOpsEndpoint_Is403()
    {
        using var response = await GetAsync("/api/instances/failed", ClientPrincipals.Encode("nina@example.test", []));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Get_SignedInButNotInRosterNorRevOps_Is403()
    {
        using var response = await GetAsync("/api/teams", ClientPrincipals.Encode("stranger@example.test", ["SomeOtherRole"]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not base64!")]
    [InlineData("eyJub3QiOiJhIHByaW5jaXBhbCJ9")]
    [InlineData("bnVsbA==")]
    public async Task Get_MissingOrGarbledPrincipal_Is401(string? principal)
    {
        using var response = await GetAsync("/api/teams", principal);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Get_ApiKeyInAppServiceMode_IsNotAccepted()
    {
        using var response = await GetAsync("/api/teams", null, ApiService.RevOpsKey);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Get_SignInPage_HandsOverToThePlatformLogin()
    {
        using var response = await GetAsync("/signin?returnUrl=%2Fdashboard", null);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/.auth/login/aad?post_login_redirect_uri=%2Fdashboard", response.Headers.Location?.OriginalString);
    }
}
