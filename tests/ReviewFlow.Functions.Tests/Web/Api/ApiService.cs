using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReviewFlow.Durable;
using ReviewFlow.Functions.Hosting;
using ReviewFlow.Integrations.Journal;
using ReviewFlow.Testing;

namespace ReviewFlow.Functions.Tests.Web.Api;

/// <summary>
/// The real service on Azurite, built the way <c>RunningService</c> builds it (same clock, same settings) plus API
/// keys for RevOps and two managers, and hooks for the settings and endpoints a test needs (App Service mode, a
/// page behind the sign-in).
/// </summary>
public sealed class ApiService : IAsyncDisposable
{
    public const string RevOpsKey = "revops-key-0123456789-abcdefghijklmnop";
    public const string MarkKey = "mark-key-0123456789-abcdefghijklmnopqrs";
    public const string NinaKey = "nina-key-0123456789-abcdefghijklmnopqrs";

    /// <summary>A page behind <c>ViewerPolicy</c> that says who is looking, for the browser sign-in tests.</summary>
    public const string ProbePage = "/probe/viewer";

    private readonly WebApplication _app;
    private readonly string _outbox;

    private ApiService(WebApplication app, string outbox, FakeTimeProvider clock, string hub, string connectionString)
    {
        _app = app;
        _outbox = outbox;
        Clock = clock;
        TaskHub = hub;
        ConnectionString = connectionString;
        BaseAddress = new Uri(app.Urls.First());
    }

    public FakeTimeProvider Clock { get; }

    public string TaskHub { get; }

    public string ConnectionString { get; }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public DurableTaskClient Client => _app.Services.GetRequiredService<DurableTaskClient>();

    public ICycleJournal Journal => _app.Services.GetRequiredService<ICycleJournal>();

    /// <summary>The roster table, read directly to prove that a refused import stored nothing.</summary>
    public TableClient RosterTable => new TableServiceClient(ConnectionString).GetTableClient(TaskHub + "Roster");

    public static Dictionary<string, string?> Keys() => new()
    {
        ["Auth:ApiKeys:0:Key"] = RevOpsKey,
        ["Auth:ApiKeys:0:Name"] = "RevOps automation",
        ["Auth:ApiKeys:0:Role"] = "revops",
        ["Auth:ApiKeys:1:Key"] = MarkKey,
        ["Auth:ApiKeys:1:Name"] = "Mark Whitaker",
        ["Auth:ApiKeys:1:Role"] = "manager",
        ["Auth:ApiKeys:1:ManagerId"] = "mark",
        ["Auth:ApiKeys:2:Key"] = NinaKey,
        ["Auth:ApiKeys:2:Name"] = "Nina Patel",
        ["Auth:ApiKeys:2:Role"] = "manager",
        ["Auth:ApiKeys:2:ManagerId"] = "nina",
    };

    /// <summary>Starts the service with <paramref name="settings"/> (the keys of <see cref="Keys"/> unless given otherwise).</summary>
    public static async Task<ApiService> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, bool localDevelopment = false)
    {
        var azurite = await SharedAzurite.GetAsync();
        var hub = TaskHubNames.New("a");
        var outbox = Path.Combine(Path.GetTempPath(), "reviewflow-api-tests", hub);
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 1, 4, 10, 0, 0, TimeSpan.Zero));
        var all = new Dictionary<string, string?>
        {
            ["ReviewFlow:TaskHub"] = hub,
            ["ReviewFlow:OutboxDirectory"] = outbox,
            ["ReviewFlow:MaxRequestBodyBytes"] = "65536",
            ["Links:PublicBaseUrl"] = "https://reviewflow.example.test",
            ["Links:SigningKeys:0:Id"] = "k1",
            ["Links:SigningKeys:0:Secret"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? Keys())
        {
            all[key] = value;
        }

        var app = ReviewFlowWebApp.Build(new ServiceStart("http://127.0.0.1:0", azurite.ConnectionString, all, localDevelopment, clock));
        app.MapGet(ProbePage, (HttpContext http) => Results.Text("viewer: " + (http.User.Identity?.Name ?? "?"), "text/plain"))
            .RequireAuthorization("reviewflow-viewer");
        app.MapGet("/probe/revops", () => Results.Text("revops page", "text/plain"))
            .RequireAuthorization("reviewflow-revops");
        await app.StartAsync();
        return new ApiService(app, outbox, clock, hub, azurite.ConnectionString);
    }

    /// <summary>A client sending <paramref name="apiKey"/> as X-Api-Key (none when null); never follows redirects.</summary>
    public HttpClient Api(string? apiKey)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects.</summary>
    public HttpClient Browser() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(object value) => Json(JsonSerializer.Serialize(value, JsonOptions));

    public static StringContent Csv(string csv) => new(csv, Encoding.UTF8, "text/csv");

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);

    public static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty JSON body.");

    /// <summary>Imports <paramref name="roster"/> as RevOps and checks it was accepted.</summary>
    public async Task PutRosterAsync(object roster)
    {
        using var client = Api(RevOpsKey);
        using var response = await client.PutAsync("/api/roster", Json(roster));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Roster refused ({response.StatusCode}): {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Every entity of the roster table, as "PartitionKey/RowKey", for before/after comparisons.</summary>
    public async Task<IReadOnlyList<string>> RosterRowsAsync()
    {
        var rows = new List<string>();
        await foreach (var row in RosterTable.QueryAsync<TableEntity>())
        {
            rows.Add($"{row.PartitionKey}/{row.RowKey}/{row.ETag}");
        }

        return rows;
    }

    /// <summary>Waits until the cycle's journal has an entry of <paramref name="type"/>.</summary>
    public async Task<JournalEntry> WaitForAsync(string cycleId, string type)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var entries = await Journal.ReadCycleAsync(cycleId, CancellationToken.None);
            if (entries.FirstOrDefault(e => e.Type == type) is { } found)
            {
                return found;
            }

            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"No {type} in {cycleId} within 60 s; it has: {string.Join(", ", entries.Select(e => e.Type))}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the instance reaches <paramref name="status"/>.</summary>
    public async Task<OrchestrationMetadata> WaitForStatusAsync(string instanceId, OrchestrationRuntimeStatus status)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var instance = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            if (instance?.RuntimeStatus == status)
            {
                return instance;
            }

            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"{instanceId} is {instance?.RuntimeStatus.ToString() ?? "missing"}, not {status}, after 60 s.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (Directory.Exists(_outbox))
        {
            Directory.Delete(_outbox, recursive: true);
        }
    }
}
