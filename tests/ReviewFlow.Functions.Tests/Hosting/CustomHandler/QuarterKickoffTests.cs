using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ReviewFlow.Domain.People;
using ReviewFlow.Durable;
using ReviewFlow.Functions.Management;
using ReviewFlow.Workflows.Cycle;
using ReviewFlow.Workflows.Team;
using Xunit;

namespace ReviewFlow.Functions.Tests.Hosting.CustomHandler;

/// <summary>The quarter-kickoff timer invocation: the fiscal calendar decides, the roster says who starts.</summary>
public sealed class QuarterKickoffTests
{
    // Monday 2027-01-04 is the first day of 2027-Q1 on the default calendar (January year, Monday starts).
    private static readonly DateTimeOffset QuarterStart = new(2027, 1, 4, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Kickoff_NoQuarterStartsToday_StartsNothing()
    {
        await using var host = await HandlerHost.StartAsync(now: new DateTimeOffset(2027, 2, 3, 6, 0, 0, TimeSpan.Zero));
        await ImportRosterAsync(host);

        var logs = await KickoffAsync(host);

        Assert.Equal(["No quarter starts today (2027-02-03); 2027-Q1 started 2027-01-04."], logs);
        Assert.Null(await host.Client.GetInstanceAsync(CycleIds.ForTeam("2027-Q1", "mark")));
    }

    [Fact]
    public async Task Kickoff_QuarterStartsButRosterEmpty_SaysSoAndStartsNothing()
    {
        await using var host = await HandlerHost.StartAsync(now: QuarterStart);

        var logs = await KickoffAsync(host);

        Assert.Contains("the roster is empty: nothing started", Assert.Single(logs), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kickoff_QuarterStartsToday_StartsEveryTeamOnceWithTheCalendarsQuarter()
    {
        await using var host = await HandlerHost.StartAsync(now: QuarterStart);
        await ImportRosterAsync(host);

        var first = await KickoffAsync(host);
        var second = await KickoffAsync(host);

        Assert.Equal(["2027-Q1 team mark: started (2 seller(s)).", "2027-Q1 team nina: no sellers, nothing started."], first);
        Assert.Equal(["2027-Q1 team mark: already started.", "2027-Q1 team nina: no sellers, nothing started."], second);
        var team = await host.Client.GetInstanceAsync(CycleIds.ForTeam("2027-Q1", "mark"), getInputsAndOutputs: true);
        Assert.Equal(nameof(TeamQuarterOrchestrator), team!.Name);
        var input = team.ReadInputAs<TeamQuarter>()!;
        Assert.Equal(new Domain.Quarters.Quarter("2027-Q1", new DateOnly(2027, 1, 4), 13), input.Quarter);
        Assert.Equal(["ann", "bob"], input.Team.Sellers.Select(s => s.Person.Id));
    }

    private static async Task<IReadOnlyList<string>> KickoffAsync(HandlerHost host)
    {
        var response = await host.InvokeAsync("quarter-kickoff", HandlerHost.TimerInvocation("quarter-kickoff"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HandlerHost.ResultLogsAsync(response);
    }

    private static async Task ImportRosterAsync(HandlerHost host)
    {
        static Person P(string id) => new(id, id.ToUpperInvariant(), $"{id}@example.test", "Europe/London", WorkingHours.Default);
        var template = new Dictionary<string, double> { ["revenue"] = 90000 };
        var roster = new Roster(
            [new RosterTeam("mark", "North")],
            [new Manager(P("mark")), new Manager(P("nina"))],
            [new RosterSeller(new Seller(P("ann"), new DateOnly(2024, 1, 1)), "mark", template), new RosterSeller(new Seller(P("bob"), new DateOnly(2026, 10, 1)), "mark", template)]);
        await host.Services.GetRequiredService<RosterStore>().ReplaceAsync(roster, CancellationToken.None);
    }
}
