using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReviewFlow.Domain.CheckIns;
using ReviewFlow.Domain.People;
using ReviewFlow.Domain.Policy;
using ReviewFlow.Durable;
using ReviewFlow.Functions.Hosting;
using ReviewFlow.Functions.Tests.Web.Support;
using ReviewFlow.Integrations.Journal;
using ReviewFlow.Testing;
using ReviewFlow.Workflows.Cycle;
using ReviewFlow.Workflows.Team;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Dashboard;

/// <summary>
/// The real service (as <see cref="RunningService"/> builds it: Azurite, the engine, a manual clock at Mon 4 Jan 2027
/// 10:00) with API keys for RevOps, Mark and Nina, and a quarter under way: Mark's team (Priya, Tom) and Nina's (Zoe)
/// started through the team quarter orchestration, and Priya walked by her cycle's own events through Define, Agree,
/// a check-in below plan and her first review. Everything happens before the first test, so tests only read.
/// </summary>
public sealed class DashboardService : IAsyncLifetime
{
    public const string RevOpsKey = "dashboard-revops-key-0123456789-abcdefgh";
    public const string MarkKey = "dashboard-mark-key-0123456789-abcdefghij";
    public const string NinaKey = "dashboard-nina-key-0123456789-abcdefghij";

    public static readonly IReadOnlyDictionary<string, double> Template = new Dictionary<string, double> { ["revenue"] = 90000, ["newConversationsPerWeek"] = 10 };

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private WebApplication? _app;
    private string _outbox = "";

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2027, 1, 4, 10, 0, 0, TimeSpan.Zero));

    public Uri BaseAddress { get; private set; } = null!;

    public static Manager Mark { get; } = new(Person("mark", "Mark Whitaker"));

    public static Manager Nina { get; } = new(Person("nina", "Nina Patel"));

    private DurableTaskClient Client => _app!.Services.GetRequiredService<DurableTaskClient>();

    private ICycleJournal Journal => _app!.Services.GetRequiredService<ICycleJournal>();

    public static string Cycle(string sellerId) => CycleIds.ForSeller(RunningService.Quarter.Label, sellerId);

    public async Task InitializeAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        var hub = TaskHubNames.New("d");
        _outbox = Path.Combine(Path.GetTempPath(), "reviewflow-dashboard-tests", hub);
        _app = ReviewFlowWebApp.Build(new ServiceStart(
            "http://127.0.0.1:0",
            azurite.ConnectionString,
            new Dictionary<string, string?>
            {
                ["ReviewFlow:TaskHub"] = hub,
                ["ReviewFlow:OutboxDirectory"] = _outbox,
                ["Links:PublicBaseUrl"] = "https://reviewflow.example.test",
                ["Links:SigningKeys:0:Id"] = "k1",
                ["Links:SigningKeys:0:Secret"] = RunningService.SigningSecret,
                ["Logging:LogLevel:Default"] = "Warning",
                ["Auth:ApiKeys:0:Key"] = RevOpsKey,
                ["Auth:ApiKeys:0:Name"] = "Rita RevOps",
                ["Auth:ApiKeys:0:Role"] = "revops",
                ["Auth:ApiKeys:1:Key"] = MarkKey,
                ["Auth:ApiKeys:1:Name"] = "Mark Whitaker",
                ["Auth:ApiKeys:1:Role"] = "manager",
                ["Auth:ApiKeys:1:ManagerId"] = "mark",
                ["Auth:ApiKeys:2:Key"] = NinaKey,
                ["Auth:ApiKeys:2:Name"] = "Nina Patel",
                ["Auth:ApiKeys:2:Role"] = "manager",
                ["Auth:ApiKeys:2:ManagerId"] = "nina",
            },
            Clock: Clock));
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());

        await StartTeamAsync(Mark, "priya", "tom");
        await StartTeamAsync(Nina, "zoe");
        foreach (var seller in new[] { "priya", "tom", "zoe" })
        {
            await EntryAsync(seller, "ExpectationsRequested");
        }

        await WalkPriyaToHerFirstReviewAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (Directory.Exists(_outbox))
        {
            Directory.Delete(_outbox, recursive: true);
        }
    }

    /// <summary>A client sending <paramref name="apiKey"/> (none when null); never follows redirects.</summary>
    public HttpClient As(string? apiKey)
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

    private static Person Person(string id, string name) => new(id, name, $"{id}@example.test", "Europe/London", WorkingHours.Default);

    private async Task StartTeamAsync(Manager manager, params string[] sellerIds)
    {
        var sellers = sellerIds.Select(id => new Seller(Person(id, char.ToUpperInvariant(id[0]) + id[1..] + " Example"), new DateOnly(2024, 1, 1))).ToList();
        await Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(TeamQuarterOrchestrator),
            new TeamQuarter(RunningService.Quarter, ReviewPolicy.Default, new Team(manager, sellers), sellers.ToDictionary(s => s.Person.Id, _ => Template)),
            new StartOrchestrationOptions(CycleIds.ForTeam(RunningService.Quarter.Label, manager.Person.Id)));
    }

    /// <summary>Priya: the template defined and accepted, then a check-in well under plan, and the review held.</summary>
    private async Task WalkPriyaToHerFirstReviewAsync()
    {
        var priya = Cycle("priya");
        await Client.RaiseEventAsync(priya, nameof(ExpectationsSubmitted), new ExpectationsSubmitted(Template));
        await EntryAsync("priya", "AgreementRequested");
        await Client.RaiseEventAsync(priya, nameof(TargetsAnswered), new TargetsAnswered(true, null, null));
        var booked = await EntryAsync("priya", "ReviewBooked");
        var reviewAt = DateTime.Parse(booked.Data["start"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

        AdvanceTo(CyclePaths.CheckInRequestTime(Person("priya", "Priya Example"), reviewAt, ReviewPolicy.Default));
        var asked = (await EntryAsync("priya", "CheckInRequested")).Data["weeks"]!.AsArray().Select(w => w!.GetValue<int>()).ToList();
        var figures = new Dictionary<string, double> { ["revenue"] = 1500, ["newConversations"] = 5 };
        await Client.RaiseEventAsync(priya, nameof(CheckInSubmitted), new CheckInSubmitted(new CheckIn([.. asked.Select(w => new WeeklyFigures(w, figures))], "steady", "fewer leads", "intros")));
        await EntryAsync("priya", "CheckInSubmitted");

        AdvanceTo(reviewAt);
        await EntryAsync("priya", "ReviewHeld");
    }

    private void AdvanceTo(DateTime utc)
    {
        var at = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        if (at > Clock.GetUtcNow())
        {
            Clock.SetUtcNow(at);
        }
    }

    private async Task<JournalEntry> EntryAsync(string sellerId, string type)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var entries = await Journal.ReadCycleAsync(Cycle(sellerId), CancellationToken.None);
            if (entries.FirstOrDefault(e => e.Type == type) is { } found)
            {
                return found;
            }

            if (waited.Elapsed > Patience)
            {
                throw new TimeoutException($"No {type} in {Cycle(sellerId)} within {Patience.TotalSeconds} s; it has: {string.Join(", ", entries.Select(e => e.Type))}.");
            }

            await Task.Delay(50);
        }
    }
}
