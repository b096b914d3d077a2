using ReviewFlow.Domain.People;
using ReviewFlow.Domain.Policy;
using ReviewFlow.Durable;
using ReviewFlow.Functions.Tests.Web.Support;
using ReviewFlow.Workflows.Cycle;
using ReviewFlow.Workflows.Team;
using Xunit;

namespace ReviewFlow.Functions.Tests.Web.Dashboard;

/// <summary>
/// A <see cref="RunningService"/> with API keys for RevOps, Mark and Nina, and a quarter under way: Mark's team (Priya,
/// Tom) and Nina's (Zoe) started through the team quarter orchestration, and Priya walked by her cycle's own events
/// through Define, Agree, a check-in below plan and her first review. Everything happens before the first test, so
/// the tests only read.
/// </summary>
public sealed class DashboardService : IAsyncLifetime
{
    public const string RevOpsKey = "dashboard-revops-key-0123456789-abcdefgh";
    public const string MarkKey = "dashboard-mark-key-0123456789-abcdefghij";
    public const string NinaKey = "dashboard-nina-key-0123456789-abcdefghij";

    private RunningService? _service;

    public RunningService Service => _service ?? throw new InvalidOperationException("The service is not started.");

    public static Manager Nina { get; } = new(new Person("nina", "Nina Patel", "nina@example.test", "Europe/London", WorkingHours.Default));

    public async Task InitializeAsync()
    {
        _service = await RunningService.StartAsync(new Dictionary<string, string?>
        {
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
        });

        await Service.StartQuarterAsync("priya", "tom");
        await StartNinasTeamAsync("zoe");
        foreach (var seller in new[] { "priya", "tom", "zoe" })
        {
            await CyclePaths.EntryAsync(Service, seller, "ExpectationsRequested");
        }

        // Priya: the template defined and accepted, a check-in well under plan, and her first review held.
        await CyclePaths.ToReviewsAsync(Service, ["priya"]);
        var weeks = await CyclePaths.ToCheckInAsync(Service, ["priya"], 1);
        await CyclePaths.HoldReviewsAsync(Service, weeks, 1, CyclePaths.BelowPlan);
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    /// <summary>A client sending <paramref name="apiKey"/> (none when null); never follows redirects.</summary>
    public HttpClient As(string? apiKey)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Service.BaseAddress };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects.</summary>
    public HttpClient Browser() => Service.NewClient();

    /// <summary>Nina's team quarter under its own deterministic id, as <c>POST /api/quarters</c> starts it.</summary>
    private async Task StartNinasTeamAsync(params string[] sellerIds)
    {
        var sellers = sellerIds.Select(id => new Seller(CyclePaths.Seller(id), new DateOnly(2024, 1, 1))).ToList();
        await Service.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(TeamQuarterOrchestrator),
            new TeamQuarter(RunningService.Quarter, ReviewPolicy.Default, new Team(Nina, sellers), sellers.ToDictionary(s => s.Person.Id, _ => CyclePaths.RoleTemplate)),
            new StartOrchestrationOptions(CycleIds.ForTeam(RunningService.Quarter.Label, Nina.Person.Id)));
    }
}
