using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using ReviewFlow.Domain.People;
using ReviewFlow.Domain.Policy;
using ReviewFlow.Domain.Quarters;
using ReviewFlow.Durable;
using ReviewFlow.Functions.Hosting;
using ReviewFlow.Integrations.Email;
using ReviewFlow.Integrations.Journal;
using ReviewFlow.Integrations.Links;
using ReviewFlow.Testing;
using ReviewFlow.Workflows.Cycle;
using ReviewFlow.Workflows.Team;

namespace ReviewFlow.Functions.Tests.Web.Support;

/// <summary>
/// The real service (Kestrel on 127.0.0.1, the engine's worker, the dev adapters) on Azurite, on a manual clock
/// set inside everyone's working day so emails go out at once and no reminder fires unless a test moves time.
/// </summary>
public sealed partial class RunningService : IAsyncDisposable
{
    public static readonly Quarter Quarter = new("2027-Q1", new DateOnly(2027, 1, 4), 13);

    /// <summary>The link-signing key, so tests can make their own (expired, cross-seller) tokens.</summary>
    public static readonly string SigningSecret = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private readonly WebApplication _app;
    private readonly string _outbox;

    private RunningService(WebApplication app, string outbox, FakeTimeProvider clock)
    {
        _app = app;
        _outbox = outbox;
        Clock = clock;
        BaseAddress = new Uri(app.Urls.First());
    }

    public FakeTimeProvider Clock { get; }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public DurableTaskClient Client => Services.GetRequiredService<DurableTaskClient>();

    public ICycleJournal Journal => Services.GetRequiredService<ICycleJournal>();

    public UsedLinks UsedLinks => Services.GetRequiredService<UsedLinks>();

    public ActionLinkSigner Signer => Services.GetRequiredService<ActionLinkSigner>();

    public static Manager Mark { get; } = new(new Person("mark", "Mark Whitaker", "mark@example.test", "Europe/London", WorkingHours.Default));

    /// <summary>Starts the service; <paramref name="extraSettings"/> are applied last (API keys, auth mode…).</summary>
    public static async Task<RunningService> StartAsync(IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        var azurite = await SharedAzurite.GetAsync();
        var hub = TaskHubNames.New("w");
        var outbox = Path.Combine(Path.GetTempPath(), "reviewflow-web-tests", hub);
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 1, 4, 10, 0, 0, TimeSpan.Zero));
        var settings = new Dictionary<string, string?>
        {
            ["ReviewFlow:TaskHub"] = hub,
            ["ReviewFlow:OutboxDirectory"] = outbox,
            ["ReviewFlow:MaxRequestBodyBytes"] = "65536",
            ["Links:PublicBaseUrl"] = "https://reviewflow.example.test",
            ["Links:SigningKeys:0:Id"] = "k1",
            ["Links:SigningKeys:0:Secret"] = SigningSecret,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = ReviewFlowWebApp.Build(new ServiceStart("http://127.0.0.1:0", azurite.ConnectionString, settings, Clock: clock));
        await app.StartAsync();
        return new RunningService(app, outbox, clock);
    }

    /// <summary>A browser-like client: keeps cookies (the anti-forgery cookie), does not follow redirects.</summary>
    public HttpClient NewClient() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    /// <summary>Starts a quarter for Mark's team of <paramref name="sellerIds"/> and returns their cycle ids.</summary>
    public async Task<IReadOnlyList<string>> StartQuarterAsync(params string[] sellerIds)
    {
        var sellers = sellerIds.Select(id => new Seller(new Person(id, Name(id), $"{id}@example.test", "Europe/London", WorkingHours.Default), new DateOnly(2024, 1, 1))).ToList();
        var templates = sellers.ToDictionary(s => s.Person.Id, IReadOnlyDictionary<string, double> (_) => new Dictionary<string, double> { ["revenue"] = 90000, ["newConversationsPerWeek"] = 10 });
        await Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(TeamQuarterOrchestrator),
            new TeamQuarter(Quarter, ReviewPolicy.Default, new Team(Mark, sellers), templates),
            // One kickoff per call (a second kickoff under the team's own id would be a harmless no-op).
            new StartOrchestrationOptions($"{CycleIds.ForTeam(Quarter.Label, Mark.Person.Id)}-{string.Join('-', sellerIds)}"));
        return [.. sellerIds.Select(id => CycleIds.ForSeller(Quarter.Label, id))];
    }

    /// <summary>
    /// Waits for the email of <paramref name="template"/> to <paramref name="to"/> (about <paramref name="cycleId"/>'s
    /// wait, when given: a manager gets one per seller) and returns its links' paths (/act/…).
    /// </summary>
    public async Task<IReadOnlyList<string>> ActionLinksAsync(string template, string to, string? cycleId = null)
    {
        var outbox = Services.GetRequiredService<DevOutbox>();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            await foreach (var record in outbox.ListAsync(CancellationToken.None))
            {
                if (record.Template == template && record.To == to && (cycleId is null || record.InstanceId == cycleId))
                {
                    var text = (await MimeMessage.LoadAsync(record.File)).TextBody ?? "";
                    return [.. ActLink().Matches(text).Select(m => new Uri(m.Value).AbsolutePath).Distinct()];
                }
            }

            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"No {template} email to {to} within 60 s.");
            }

            await Task.Delay(50);
        }
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

    /// <summary>A token this service accepts, for any grant (tests forge their own variations from it).</summary>
    public string Token(ActionGrant grant) => Signer.Sign(grant);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (Directory.Exists(_outbox))
        {
            Directory.Delete(_outbox, recursive: true);
        }
    }

    private static string Name(string id) => char.ToUpperInvariant(id[0]) + id[1..] + " Example";

    [GeneratedRegex(@"https://reviewflow\.example\.test/act/[A-Za-z0-9_\-\.]+")]
    private static partial Regex ActLink();
}
