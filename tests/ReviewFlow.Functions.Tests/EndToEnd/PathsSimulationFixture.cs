using System.Globalization;
using System.Text.Json.Nodes;

using ReviewFlow.Domain.People;
using ReviewFlow.Functions.Simulation;
using ReviewFlow.Testing;

using Xunit;

namespace ReviewFlow.Functions.Tests.EndToEnd;

/// <summary>
/// Runs one short scenario (4 weeks, two teams) whose sellers each walk one of the less travelled paths of
/// Define and Agree, once for the whole class, on the shared Azurite. Each seller is one path:
/// <list type="bullet">
/// <item><description><c>slow</c>: Mark takes 5 days to define; he has <c>escalateTo</c> (reminder, escalation, then defined).</description></item>
/// <item><description><c>quiet</c>: the same slow Define under Nina, who has no <c>escalateTo</c> (reminder only).</description></item>
/// <item><description><c>silent</c>: never answers the proposal (reminder, then the deadline settles it).</description></item>
/// <item><description><c>reviser</c>: counters; Mark revises revenue; the seller accepts in round 2.</description></item>
/// <item><description><c>stubborn</c>: counters every round; Mark keeps his proposal with reasons (rounds run out; the policy allows 2).</description></item>
/// <item><description><c>kolkata</c>: works in Asia/Kolkata 09:30-18:00, reviewed weekly by Mark in Europe/London.</description></item>
/// </list>
/// </summary>
public sealed class PathsSimulationFixture : IAsyncLifetime
{
    public const int MaxAgreementRounds = 2;

    public const int Weeks = 4;

    private const string Scenario = """
    {
      "description": "ReviewFlow paths: slow define with and without escalation, a silent seller, a revision, rounds running out, a seller in another time zone.",
      "quarter": { "label": "2027-Q1", "start": "2027-01-04", "weeks": 4 },
      "policy": { "maxAgreementRounds": 2 },
      "teams": [
        {
          "manager": {
            "id": "mark", "name": "Mark Whitaker", "email": "mark@example.test",
            "timeZone": "Europe/London",
            "workingHours": { "start": "09:00", "end": "17:30", "days": ["Mon", "Tue", "Wed", "Thu", "Fri"] },
            "escalateTo": "dana@example.test"
          },
          "sellers": [
            {
              "id": "slow", "name": "Sam Lowe", "email": "slow@example.test",
              "timeZone": "Europe/London", "workingHours": { "start": "09:00", "end": "17:30", "days": ["Mon", "Tue", "Wed", "Thu", "Fri"] },
              "startedOn": "2023-03-06",
              "proposed": { "revenue": 90000, "newConversationsPerWeek": 10 },
              "responses": {
                "define": { "afterHours": 120 },
                "agreement": [ { "afterHours": 4, "accept": true } ]
              },
              "weekly": [
                { "revenue": 22500, "newConversations": 10 }, { "revenue": 22500, "newConversations": 10 },
                { "revenue": 22500, "newConversations": 10 }, { "revenue": 22500, "newConversations": 10 }
              ]
            },
            {
              "id": "silent", "name": "Sian Lent", "email": "silent@example.test",
              "timeZone": "Europe/London", "workingHours": { "start": "08:30", "end": "17:00", "days": ["Mon", "Tue", "Wed", "Thu", "Fri"] },
              "startedOn": "2023-03-06",
              "proposed": { "revenue": 88000, "newConversationsPerWeek": 12 },
              "responses": { "agreement": [] },
              "weekly": [
                { "revenue": 22000, "newConversations": 12 }, { "revenue": 22000, "newConversations": 12 },
                { "revenue": 22000, "newConversations": 12 }, { "revenue": 22000, "newConversations": 12 }
              ]
            },
            {
              "id": "reviser", "name": "Rita Visser", "email": "reviser@example.test",
              "timeZone": "Europe/London", "workingHours": { "start": "09:00", "end": "17:30", "days": ["Mon", "Tue", "Wed", "Thu", "Fri"] },
              "startedOn": "2023-03-06",
              "proposed": { "revenue": 90000, "newConversationsPerWeek": 10 },
              "responses": {
                "agreement": [
                  { "afterHours": 6, "counter": { "revenue": 70000 }, "reason": "two accounts moved to key accounts" },
                  { "afterHours": 6, "accept": true }
                ],
                "managerOnCounter": [ { "afterHours": 4, "revise": { "revenue": 80000 }, "reason": "let's meet halfway: the new patch makes up part of it" } ]
              },
              "weekly": [
                { "revenue": 20000, "newConversations": 10 }, { "revenue": 20000, "newConversations": 10 },
                { "revenue": 20000, "newConversations": 10 }, { "revenue": 20000, "newConversations": 10 }
              ]
            },
            {
              "id": "stubborn", "name": "Stu Bourne", "email": "stubborn@example.test",
              "timeZone": "Europe/London", "workingHours": { "start": "09:00", "end": "17:30", "days": ["Mon", "Tue", "Wed", "Thu", "Fri"] },
              "startedOn": "2023-03-06",
              "proposed": { "revenue": 96000, "newConversationsPerWeek": 11 },
              "responses": {
                "agreement": [
                  { "afterHours": 6, "counter": { "revenue": 60000 }, "reason": "the market is slow" },
                  { "afterHours": 6, "counter": { "revenue": 65000 }, "reason": "still too high for my patch" }
                ],
                "managerOnCounter": [
                  { "afterHours": 4, "keep": true, "reason": "the pipeline covers it three times over" },
                  { "afterHours": 4, "keep": true, "reason": "we agreed the same number for the team" }
                ]
              },
              "weekly": [
                { "revenue": 24000, "newConversations": 11 }, { "revenue": 24000, "newConversations": 11 },
                { "revenue": 24000, "newConversations": 11 }, { "revenue": 24000, "newConversations": 11 }
              ]
            },
            {
              "id": "kolkata", "name": "Kavya Rao", "email": "kavya@example.test",
              "timeZone": "Asia/Kolkata", "workingHours": { "start": "09:30", "end": "18:00", "days": ["Mon", "Tue", "Wed", "Thu", "Fri"] },
              "startedOn": "2026-11-02",
              "proposed": { "revenue": 60000, "newConversationsPerWeek": 8 },
              "responses": { "agreement": [ { "afterHours": 5, "accept": true } ] },
              "weekly": [
                { "revenue": 15000, "newConversations": 8 }, { "revenue": 15000, "newConversations": 8 },
                { "revenue": 15000, "newConversations": 8 }, { "revenue": 15000, "newConversations": 8 }
              ]
            }
          ]
        },
        {
          "manager": {
            "id": "nina", "name": "Nina Hart", "email": "nina@example.test",
            "timeZone": "Europe/London",
            "workingHours": { "start": "09:00", "end": "17:30", "days": ["Mon", "Tue", "Wed", "Thu", "Fri"] }
          },
          "sellers": [
            {
              "id": "quiet", "name": "Quinn Eton", "email": "quiet@example.test",
              "timeZone": "Europe/London", "workingHours": { "start": "09:00", "end": "17:30", "days": ["Mon", "Tue", "Wed", "Thu", "Fri"] },
              "startedOn": "2023-03-06",
              "proposed": { "revenue": 80000, "newConversationsPerWeek": 9 },
              "responses": {
                "define": { "afterHours": 120 },
                "agreement": [ { "afterHours": 4, "accept": true } ]
              },
              "weekly": [
                { "revenue": 20000, "newConversations": 9 }, { "revenue": 20000, "newConversations": 9 },
                { "revenue": 20000, "newConversations": 9 }, { "revenue": 20000, "newConversations": 9 }
              ]
            }
          ]
        }
      ]
    }
    """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "reviewflow-paths-" + Guid.NewGuid().ToString("N"));

    public string OutDirectory => Path.Combine(_directory, "out");

    public string ScenarioPath => Path.Combine(_directory, "paths.json");

    public SimulationResult Result { get; private set; } = null!;

    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];

    /// <summary>Everyone in the scenario by email.</summary>
    public IReadOnlyDictionary<string, Person> People { get; private set; } = new Dictionary<string, Person>();

    /// <summary>The manager's proposal (the Define step) per seller, from the scenario.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Proposed { get; private set; } = new Dictionary<string, IReadOnlyDictionary<string, double>>();

    public IEnumerable<TimelineEntry> For(string seller) => Timeline.Where(e => e.Seller == seller);

    public IEnumerable<TimelineEntry> For(string seller, string type) => For(seller).Where(e => e.Type == type);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(ScenarioPath, Scenario);
        var json = JsonNode.Parse(Scenario)!;
        People = ReadPeople(json);
        Proposed = ReadProposed(json);

        var azurite = await SharedAzurite.GetAsync();
        var settings = new SimulationSettings(ScenarioPath, OutDirectory, azurite.ConnectionString, TimeSpan.FromMinutes(5), ShowProgress: false);
        Result = await new SimulationRunner(settings, new SilentProgress()).RunAsync(CancellationToken.None);
        Timeline = TimelineEntry.ReadFile(Path.Combine(OutDirectory, "timeline.json"));
    }

    public Task DisposeAsync()
    {
        try
        {
            if (Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }

        return Task.CompletedTask;
    }

    private static Dictionary<string, Person> ReadPeople(JsonNode json)
    {
        var people = new Dictionary<string, Person>(StringComparer.Ordinal);
        foreach (var team in json["teams"]!.AsArray())
        {
            foreach (var node in team!["sellers"]!.AsArray().Append(team["manager"]))
            {
                var hours = node!["workingHours"]!;
                var days = hours["days"]!.AsArray()
                    .Select(d => Enum.GetValues<DayOfWeek>().First(x => x.ToString().StartsWith(d!.GetValue<string>(), StringComparison.Ordinal)))
                    .ToList();
                var person = new Person(
                    node["id"]!.GetValue<string>(),
                    node["name"]!.GetValue<string>(),
                    node["email"]!.GetValue<string>(),
                    node["timeZone"]!.GetValue<string>(),
                    new WorkingHours(
                        TimeOnly.Parse(hours["start"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                        TimeOnly.Parse(hours["end"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                        days));
                people[person.Email] = person;
            }
        }

        return people;
    }

    private static Dictionary<string, IReadOnlyDictionary<string, double>> ReadProposed(JsonNode json)
    {
        var proposed = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        foreach (var seller in json["teams"]!.AsArray().SelectMany(t => t!["sellers"]!.AsArray()))
        {
            proposed[seller!["id"]!.GetValue<string>()] = seller["proposed"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<double>());
        }

        return proposed;
    }
}
