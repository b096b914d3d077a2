using System.Net;
using System.Text.Json.Nodes;
using ReviewFlow.Durable;
using ReviewFlow.Workflows.Team;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Api;

/// <summary><c>GET /api/instances/failed</c> and <c>POST /api/instances/{id}/retry</c>: RevOps only; a retry restarts from the same input.</summary>
public sealed class InstanceApiTests : IAsyncLifetime
{
    private ApiService _service = null!;

    public async Task InitializeAsync()
    {
        _service = await ApiService.StartAsync();
        await _service.PutRosterAsync(Rosters.Two(["ava"], ["dan"]));
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    /// <summary>A team quarter whose input has no team: the orchestrator throws, so the instance fails.</summary>
    private async Task<OrchestrationMetadata> FailedInstanceAsync(string id)
    {
        await _service.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TeamQuarterOrchestrator), new { quarter = new { label = "2027-Q1", start = "2027-01-04", weeks = 13 } }, new StartOrchestrationOptions(id));
        return await _service.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Failed);
    }

    private async Task<(HttpStatusCode Status, JsonNode Body)> SendAsync(string key, HttpMethod method, string path)
    {
        using var client = _service.Api(key);
        using var response = await client.SendAsync(new HttpRequestMessage(method, path));
        var raw = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, raw.Length == 0 ? new JsonObject() : JsonNode.Parse(raw)!);
    }

    [Fact]
    public async Task Failed_RevOps_ListsFailedInstancesWithTheirMessage()
    {
        var failed = await FailedInstanceAsync("quarter-broken-list");

        var (status, body) = await SendAsync(ApiService.RevOpsKey, HttpMethod.Get, "/api/instances/failed");

        Assert.Equal(HttpStatusCode.OK, status);
        var listed = body.AsArray().Single(i => (string)i!["id"]! == "quarter-broken-list")!;
        Assert.Equal(nameof(TeamQuarterOrchestrator), (string)listed["name"]!);
        Assert.Equal(failed.FailureDetails!.ErrorMessage, (string)listed["failure"]!);
        Assert.False(string.IsNullOrWhiteSpace((string)listed["failure"]!));
    }

    [Fact]
    public async Task Failed_Manager_Is403()
    {
        var (status, _) = await SendAsync(ApiService.MarkKey, HttpMethod.Get, "/api/instances/failed");

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task Retry_FailedInstance_PurgesAndRunsItAgainFromTheSameInput()
    {
        var before = await FailedInstanceAsync("quarter-broken-retry");
        _service.Clock.Advance(TimeSpan.FromMinutes(5));

        var (status, body) = await SendAsync(ApiService.RevOpsKey, HttpMethod.Post, "/api/instances/quarter-broken-retry/retry");
        var after = await _service.WaitForStatusAsync("quarter-broken-retry", OrchestrationRuntimeStatus.Failed);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Contains("same id", (string)body["message"]!, StringComparison.Ordinal);
        Assert.True(after.CreatedAt > before.CreatedAt, "The retry is a new execution, created after the failure.");
        Assert.Equal(before.Name, after.Name);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(JsonNode.Parse(before.SerializedInput!)!.ToJsonString(), JsonNode.Parse(after.SerializedInput!)!.ToJsonString());
    }

    [Fact]
    public async Task Retry_RunningInstance_Is409AndLeavesItRunning()
    {
        using var client = _service.Api(ApiService.RevOpsKey);
        await client.PostAsync("/api/quarters", ApiService.Json(new { quarter = "2027-Q1", start = "2027-01-04", weeks = 13, team = "nina" }));
        await _service.WaitForAsync("cycle-2027-Q1-dan", "CycleStarted");
        var before = await _service.Client.GetInstanceAsync("cycle-2027-Q1-dan");

        var (status, _) = await SendAsync(ApiService.RevOpsKey, HttpMethod.Post, "/api/instances/cycle-2027-Q1-dan/retry");

        Assert.Equal(HttpStatusCode.Conflict, status);
        var after = await _service.Client.GetInstanceAsync("cycle-2027-Q1-dan");
        Assert.Equal(before!.CreatedAt, after!.CreatedAt);
        Assert.False(after.IsCompleted);
    }

    [Theory]
    [InlineData("quarter-never-existed")]
    [InlineData("bad%23id")]
    [InlineData("..")]
    public async Task Retry_UnknownOrMalformedId_Is404(string id)
    {
        var (status, _) = await SendAsync(ApiService.RevOpsKey, HttpMethod.Post, $"/api/instances/{id}/retry");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Retry_Manager_Is403AndLeavesTheInstanceFailed()
    {
        var before = await FailedInstanceAsync("quarter-broken-manager");

        var (status, _) = await SendAsync(ApiService.MarkKey, HttpMethod.Post, "/api/instances/quarter-broken-manager/retry");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        var after = await _service.Client.GetInstanceAsync("quarter-broken-manager");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, after!.RuntimeStatus);
        Assert.Equal(before.CreatedAt, after.CreatedAt);
    }
}
