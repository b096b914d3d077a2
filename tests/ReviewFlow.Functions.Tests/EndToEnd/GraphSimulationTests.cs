using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using ReviewFlow.Functions.Simulation;
using ReviewFlow.Functions.Simulation.Scenario;
using ReviewFlow.Functions.Tests.EndToEnd.Support;
using ReviewFlow.Testing;
using Xunit;
using Xunit.Abstractions;

namespace ReviewFlow.Functions.Tests.EndToEnd;

/// <summary>
/// <c>simulate</c> pointed at a stateful Graph stub on 127.0.0.1 with a development token: the real Graph SDK reads
/// free/busy, books every meeting of the Leeds quarter once in the manager's calendar, reads the seller's answers and
/// cancels, and the scenario's busy blocks are honoured from the people's Graph calendars.
/// </summary>
public sealed class GraphSimulationTests(ITestOutputHelper output) : IDisposable
{
    private const string Token = "dev-graph-token-for-the-leeds-simulation-5d1e";
    private const string Manager = "mark@example.test";
    private const string Decliner = "tom@example.test";

    private readonly string _out = Path.Combine(Path.GetTempPath(), "reviewflow-graph-sim-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    [Fact]
    public async Task Simulate_GraphDevelopmentTokenAtAStub_BooksEveryMeetingOnceThroughGraphAroundTheBusyBlocks()
    {
        string scenarioPath = RepositoryPaths.Under("samples", "leeds-team.json");
        var scenario = ScenarioLoader.Load(scenarioPath);
        var people = scenario.Teams.SelectMany(t => t.Sellers.Select(s => s.Seller.Person).Prepend(t.Manager.Person)).ToList();
        await using var stub = GraphCalendarStub.Start(Token);
        foreach (var person in people)
        {
            // Outlook publishes the same hours as the team file here, in the Windows zone name Graph uses.
            stub.SetWorkingHours(person.Email, person.WorkingHours.Start, person.WorkingHours.End, person.WorkingHours.Days, WindowsZone(person.TimeZone));
        }

        stub.DeclineFirstInvitation(Decliner);
        var graph = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Graph:DevelopmentAccessToken"] = Token,
            ["Graph:BaseUrl"] = stub.BaseUrl,
        }).Build().GetSection("Graph");
        var azurite = await SharedAzurite.GetAsync();
        var settings = new SimulationSettings(scenarioPath, _out, azurite.ConnectionString, TimeSpan.FromMinutes(10), ShowProgress: false, Graph: graph);
        Assert.True(settings.UsesGraph);

        var wall = Stopwatch.StartNew();
        var result = await new SimulationRunner(settings, new SilentProgress()).RunAsync(CancellationToken.None);
        wall.Stop();

        var timeline = TimelineEntry.ReadFile(Path.Combine(_out, "timeline.json"));
        var requests = stub.Requests;
        var events = stub.Events.Values.ToList();
        var meetings = events.Where(e => e.Attendees.Count > 0).ToList();
        var busyBlocks = events.Where(e => e.Attendees.Count == 0).ToList();
        var booked = timeline.Where(e => e.Type == "ReviewBooked").ToList();
        output.WriteLine(FormattableString.Invariant($"wall {wall.Elapsed.TotalSeconds:F1} s (quarter {result.WallTime.TotalSeconds:F1} s); {requests.Count} requests to the stub"));
        output.WriteLine(FormattableString.Invariant(
            $"{requests.Count(IsGetSchedule)} getSchedule, {stub.CreatedTransactionIds.Count} creates, {requests.Count(r => r.Method == "GET")} reads, {requests.Count(r => r.Path.EndsWith("/cancel", StringComparison.Ordinal))} cancels"));
        output.WriteLine(FormattableString.Invariant(
            $"{meetings.Count} meetings ({meetings.Count(m => m.Cancelled)} cancelled), {busyBlocks.Count} busy blocks, {result.Emails} emails, {DoubleBookings(meetings)} overlapping pairs of live meetings"));

        // The quarter completes, and everything went through the SDK with the development token.
        Assert.Empty(result.Failed);
        Assert.Empty(stub.Problems);
        Assert.NotEmpty(requests);
        Assert.All(requests, r => Assert.True(r.Authorized, $"{r.Method} {r.Path} without the development token"));

        // Every meeting of the timeline is one Graph event, created once, in the manager's calendar.
        Assert.Equal(result.Meetings, booked.Count);
        Assert.True(booked.Count > 20, $"only {booked.Count} meetings");
        Assert.Equal(booked.Count, meetings.Count);
        Assert.Equal(
            booked.Select(e => e.Data["eventId"]!.GetValue<string>()).Order(StringComparer.Ordinal),
            meetings.Select(m => m.Id).Order(StringComparer.Ordinal));
        Assert.Equal(events.Count, stub.CreatedTransactionIds.Count);
        Assert.Equal(stub.CreatedTransactionIds.Count, stub.CreatedTransactionIds.Distinct(StringComparer.Ordinal).Count());
        Assert.All(meetings, m => Assert.Equal(Manager, m.Owner));
        Assert.All(requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/events", StringComparison.Ordinal) && r.Body?["attendees"] is JsonArray { Count: > 0 }),
            r => Assert.Equal(Manager, r.Mailbox));
        Assert.Contains(meetings, m => m.Attendees.ContainsKey("priya@example.test"));

        // Slots were found from both people's free/busy, asked through the manager's calendar.
        foreach (var seller in scenario.AllSellers.Select(s => s.Seller.Person.Email))
        {
            Assert.Contains(requests, r => IsGetSchedule(r) && r.Mailbox == Manager && Schedules(r).SequenceEqual([Manager, seller]));
        }

        // The scenario's busy blocks are busy events in their owners' Graph calendars, and no meeting overlaps one.
        var expectedBusy = scenario.Teams
            .SelectMany(t => t.ManagerBusy.Select(b => (t.Manager.Person.Email, b.Start, b.End))
                .Concat(t.Sellers.SelectMany(s => s.Busy.Select(b => (s.Seller.Person.Email, b.Start, b.End)))))
            .ToList();
        Assert.Equal(3, expectedBusy.Count);
        Assert.Equal(
            expectedBusy.Order(),
            busyBlocks.Select(b => (b.Owner, b.StartUtc, b.EndUtc)).Order());
        Assert.All(busyBlocks, b => Assert.Equal("busy", b.ShowAs));
        foreach (var meeting in meetings)
        {
            var clash = expectedBusy.FirstOrDefault(b => (b.Email == meeting.Owner || meeting.Attendees.ContainsKey(b.Email))
                && b.Start < meeting.EndUtc && meeting.StartUtc < b.End);
            Assert.True(clash == default, $"{meeting.Subject} at {meeting.StartUtc:O} overlaps {clash.Email}'s busy block");
        }

        // The seller's decline was read from Graph: the declined invitation was cancelled there and a new time booked.
        var declined = meetings.Single(m => m.Attendees.GetValueOrDefault(Decliner) == "declined");
        Assert.True(declined.Cancelled, "the declined invitation is cancelled in Graph");
        Assert.False(string.IsNullOrEmpty(declined.CancelComment));
        var rebooked = Assert.Single(timeline, e => e.Type == "ReviewRebooked" && e.Seller == "tom");
        Assert.Contains(meetings, m => m.Id == rebooked.Data["eventId"]!.GetValue<string>() && !m.Cancelled && m.Attendees.ContainsKey(Decliner));
        Assert.Contains(requests, r => r.Method == "GET" && r.Path.EndsWith("/events/" + declined.Id, StringComparison.Ordinal));

        // Meetings are in Graph, so there is no dev calendar export; email still goes to the dev outbox.
        Assert.False(Directory.Exists(Path.Combine(_out, "calendar")), "no calendar/ when meetings are in Graph");
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(_out, "outbox"), "*.eml", SearchOption.AllDirectories));
    }

    private static bool IsGetSchedule(GraphCalendarStubRequest request) =>
        request.Method == "POST" && request.Path.EndsWith("/calendar/getSchedule", StringComparison.Ordinal);

    private static List<string> Schedules(GraphCalendarStubRequest request) =>
        [.. ((JsonArray)request.Body!["schedules"]!).Select(s => s!.GetValue<string>().ToLowerInvariant())];

    // Graph has no atomic "book only if free" (docs/graph-calendar.md, known limitation): reported, not asserted.
    private static int DoubleBookings(List<GraphCalendarStubEvent> meetings)
    {
        var live = meetings.Where(m => !m.Cancelled).OrderBy(m => m.StartUtc).ToList();
        return live.SelectMany((a, i) => live.Skip(i + 1).Where(b => b.StartUtc < a.EndUtc && a.StartUtc < b.EndUtc)).Count();
    }

    private static string WindowsZone(string zone) =>
        TimeZoneInfo.TryConvertIanaIdToWindowsId(zone, out var windows) ? windows : zone;
}
